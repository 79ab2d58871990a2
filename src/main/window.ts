// The main window's security settings and navigation guards, in one place so they can be tested.
// The app window only ever shows the bundled renderer: audited pages are never loaded here (their
// screenshots and extracted text are), so every navigation or new window is refused.
import { shell } from 'electron';
import type { BrowserWindowConstructorOptions, HandlerDetails, WebContents } from 'electron';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 1100,
    minHeight: 700,
    title: '政务网站检查工作站',
    backgroundColor: '#f4f6f9',
    show: false,
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

/**
 * Whether `candidate` is the app's own page: the same file as the built renderer's index.html
 * (`file://…/out/renderer/index.html`, any hash or query), or any page of the dev server's origin.
 */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
  if (app.protocol === 'http:' || app.protocol === 'https:') return target.origin === app.origin;
  return false;
}

/** Only web addresses go to the user's browser: never file:, custom schemes or javascript:. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * A new-window request. The renderer opens a window only from the links it renders in the evidence
 * details (`target="_blank"`), and only when the user clicks them: such a link opens in the system
 * browser if it is http(s); everything else is dropped. The app never opens a second window itself.
 */
export function handleWindowOpen(details: Pick<HandlerDetails, 'url' | 'disposition'>): { action: 'deny' } {
  const fromLinkClick = details.disposition === 'foreground-tab' || details.disposition === 'background-tab';
  if (fromLinkClick && isExternalWebUrl(details.url)) void shell.openExternal(details.url);
  return { action: 'deny' };
}

/** Refuses every navigation away from the app, new windows and embedded webviews. */
export function guardNavigation(contents: WebContents, appUrl: string): void {
  const denyForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => denyForeign(event, url));
  contents.on('will-redirect', (event, url) => denyForeign(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(handleWindowOpen);
}

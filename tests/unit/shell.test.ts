// The Electron boundary (issue 8): window security flags, navigation and new-window guards, the IPC
// sender check and payload validation, the preload's single exposed object, the renderer's CSP.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  shell: { openExternal: vi.fn(async () => undefined), openPath: vi.fn(async () => '') },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: [] })), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);

const { windowOptions, isAppUrl, handleWindowOpen, guardNavigation, isExternalWebUrl } =
  await import('../../src/main/window.js');
const { handleApiCall, isTrustedSender, registerApi, ShellMethods } = await import('../../src/main/ipc.js');
const { API_CHANNEL, EVENT_CHANNEL } = await import('../../src/shared/api.js');

const APP_FILE = 'file:///opt/app/resources/app.asar/out/renderer/index.html';
const DEV_SERVER = 'http://localhost:5173/';

function fakeService() {
  const listeners: ((e: unknown) => void)[] = [];
  return {
    dispatch: vi.fn(async (method: string, input: unknown) => ({
      ok: true as const,
      // The shell only reads an export's folder; other answers pass through untouched.
      value: (method === 'exportReport'
        ? { files: [], outDir: (input as { outDir: string }).outDir }
        : method === 'getDataFolder'
          ? { path: '/home/u/数据' }
          : {}) as never,
    })),
    onEvent: vi.fn((listener: (e: unknown) => void) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    }),
    emit: (e: unknown) => listeners.forEach((l) => l(e)),
  };
}
const appFrame = { senderFrame: { url: `${APP_FILE}#/findings`, parent: null } } as never;

beforeEach(() => vi.clearAllMocks());

describe('BrowserWindow options', () => {
  it('isolate the renderer: context isolation, sandbox, no Node, web security, no webview', () => {
    const prefs = windowOptions('/opt/app/out/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/opt/app/out/preload/index.cjs',
    });
  });
});

describe('what counts as the app', () => {
  it('is the built index.html (any hash) or the dev server origin, nothing else', () => {
    expect(isAppUrl(`${APP_FILE}#/results`, APP_FILE)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', APP_FILE)).toBe(false);
    expect(isAppUrl('file:///opt/app/resources/app.asar/out/renderer/other.html', APP_FILE)).toBe(false);
    expect(isAppUrl('http://localhost:5173/index.html', DEV_SERVER)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV_SERVER)).toBe(false);
    expect(isAppUrl('http://www.example.gov.cn/', APP_FILE)).toBe(false);
    expect(isAppUrl('not a url', APP_FILE)).toBe(false);
  });
});

describe('navigation guards', () => {
  function fakeContents() {
    const handlers = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    return {
      handlers,
      on: vi.fn((name: string, handler: (event: { preventDefault(): void }, url?: string) => void) => {
        handlers.set(name, handler);
      }),
      setWindowOpenHandler: vi.fn(),
    };
  }

  it('denies navigating away from the app and attaching webviews, allows the app itself', () => {
    const contents = fakeContents();
    guardNavigation(contents as never, APP_FILE);
    const away = { preventDefault: vi.fn() };
    contents.handlers.get('will-navigate')!(away, 'http://www.example.gov.cn/');
    expect(away.preventDefault).toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    contents.handlers.get('will-redirect')!(redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const inApp = { preventDefault: vi.fn() };
    contents.handlers.get('will-navigate')!(inApp, `${APP_FILE}#/ledger`);
    expect(inApp.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.setWindowOpenHandler).toHaveBeenCalledWith(handleWindowOpen);
  });

  it('never opens a window; a clicked http(s) link goes to the system browser, nothing else does', () => {
    expect(
      handleWindowOpen({ url: 'http://www.example.gov.cn/a.html', disposition: 'foreground-tab' }),
    ).toEqual({
      action: 'deny',
    });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('http://www.example.gov.cn/a.html');
    electron.shell.openExternal.mockClear();
    for (const url of [
      'file:///C:/Windows/system32/calc.exe',
      'javascript:alert(1)',
      'ms-settings:',
      'smb://host/x',
    ]) {
      expect(handleWindowOpen({ url, disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
    }
    // A script-opened popup with window features is not a link the user clicked.
    handleWindowOpen({ url: 'https://www.example.gov.cn/', disposition: 'new-window' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(isExternalWebUrl('https://www.gov.cn/')).toBe(true);
    expect(isExternalWebUrl('mailto:office@example.gov.cn')).toBe(false);
  });
});

describe('IPC boundary', () => {
  it('accepts only the app page in the top frame', () => {
    expect(isTrustedSender({ url: APP_FILE, parent: null }, APP_FILE)).toBe(true);
    expect(isTrustedSender({ url: APP_FILE, parent: {} as never }, APP_FILE)).toBe(false);
    expect(isTrustedSender({ url: 'http://www.example.gov.cn/', parent: null }, APP_FILE)).toBe(false);
    expect(isTrustedSender(null, APP_FILE)).toBe(false);
  });

  it('rejects foreign frames, unknown methods and invalid payloads before the engine sees them', async () => {
    const service = fakeService();
    const shell = new ShellMethods(() => null);
    const foreign = { senderFrame: { url: 'http://www.example.gov.cn/', parent: null } } as never;
    const fromForeign = await handleApiCall(service, shell, APP_FILE, foreign, 'listSites', {});
    expect(fromForeign).toMatchObject({
      ok: false,
      error: { code: 'bad-input', userMessage: '拒绝来自外部页面的请求。' },
    });
    const subframe = { senderFrame: { url: APP_FILE, parent: { url: APP_FILE } } } as never;
    expect((await handleApiCall(service, shell, APP_FILE, subframe, 'listSites', {})).ok).toBe(false);

    const unknown = await handleApiCall(service, shell, APP_FILE, appFrame, '__proto__', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const noSites = await handleApiCall(service, shell, APP_FILE, appFrame, 'startAudit', { siteIds: [] });
    expect(noSites).toMatchObject({
      ok: false,
      error: { code: 'bad-input', userMessage: '输入有误：请至少选择一个网站' },
    });
    const traversal = await handleApiCall(service, shell, APP_FILE, appFrame, 'readEvidence', {
      path: '../../etc/passwd',
    });
    expect(traversal.ok).toBe(false);
    const badUrl = await handleApiCall(service, shell, APP_FILE, appFrame, 'saveSite', {
      name: '测试',
      url: 'javascript:alert(1)',
    });
    expect(badUrl).toMatchObject({
      ok: false,
      error: { userMessage: '输入有误：网址应以 http:// 或 https:// 开头' },
    });
    expect(service.dispatch).not.toHaveBeenCalled();
  });

  it('hands a valid call to the engine with the parsed input (defaults applied)', async () => {
    const service = fakeService();
    const result = await handleApiCall(
      service,
      new ShellMethods(() => null),
      APP_FILE,
      appFrame,
      'startAudit',
      {
        siteIds: [1, 2],
      },
    );
    expect(result.ok).toBe(true);
    expect(service.dispatch).toHaveBeenCalledWith(
      'startAudit',
      expect.objectContaining({ siteIds: [1, 2], maxPages: 200 }),
    );
  });

  it('opens only folders the engine exported to, never arbitrary paths', async () => {
    const service = fakeService();
    const shell = new ShellMethods(() => null);
    const refused = await handleApiCall(service, shell, APP_FILE, appFrame, 'openFolder', {
      path: 'C:\\Windows',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { userMessage: '只能打开本程序的数据文件夹或导出的文件夹。' },
    });
    expect(electron.shell.openPath).not.toHaveBeenCalled();
    await handleApiCall(service, shell, APP_FILE, appFrame, 'exportReport', {
      runId: 'r1',
      outDir: '/home/u/报告',
    });
    const opened = await handleApiCall(service, shell, APP_FILE, appFrame, 'openFolder', {
      path: '/home/u/报告',
    });
    expect(opened).toEqual({ ok: true, value: { ok: true } });
    expect(electron.shell.openPath).toHaveBeenCalledWith('/home/u/报告');
    expect(service.dispatch).not.toHaveBeenCalledWith('openFolder', expect.anything());
  });

  it('opens the workspace folder once the engine has named it', async () => {
    const service = fakeService();
    const shell = new ShellMethods(() => null);
    const before = await handleApiCall(service, shell, APP_FILE, appFrame, 'openFolder', {
      path: '/home/u/数据',
    });
    expect(before.ok).toBe(false);
    await handleApiCall(service, shell, APP_FILE, appFrame, 'getDataFolder', {});
    const opened = await handleApiCall(service, shell, APP_FILE, appFrame, 'openFolder', {
      path: '/home/u/数据',
    });
    expect(opened).toEqual({ ok: true, value: { ok: true } });
    expect(electron.shell.openPath).toHaveBeenCalledWith('/home/u/数据');
  });

  it('wires the API channel and forwards engine events to the window', async () => {
    const service = fakeService();
    const send = vi.fn();
    const window = { isDestroyed: () => false, webContents: { send } };
    const unregister = registerApi(service, () => window as never, APP_FILE);
    expect(electron.ipcMain.handle).toHaveBeenCalledWith(API_CHANNEL, expect.any(Function));
    const handler = electron.ipcMain.handle.mock.calls[0][1] as (
      e: unknown,
      m: unknown,
      i: unknown,
    ) => Promise<unknown>;
    expect(await handler(appFrame, 'listSites', {})).toMatchObject({ ok: true });
    service.emit({ type: 'run-finished', runId: 'r1' });
    expect(send).toHaveBeenCalledWith(EVENT_CHANNEL, { type: 'run-finished', runId: 'r1' });
    unregister();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith(API_CHANNEL);
    service.emit({ type: 'run-finished', runId: 'r2' });
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('preload', () => {
  it('exposes exactly window.api with invoke and onEvent over the two channels', async () => {
    await import('../../src/preload/index.js');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [
      string,
      Record<string, unknown>,
    ];
    expect(name).toBe('api');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
    const typed = api as {
      invoke: (m: string, i: unknown) => Promise<unknown>;
      onEvent: (l: () => void) => () => void;
    };
    await typed.invoke('listSites', {});
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(API_CHANNEL, 'listSites', {});
    const off = typed.onEvent(() => undefined);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith(EVENT_CHANNEL, expect.any(Function));
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, expect.any(Function));
  });
});

describe('renderer page', () => {
  it('carries the strict Content-Security-Policy and loads nothing remote', () => {
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'none'; object-src 'none'; frame-src 'none'",
    );
    expect(html).not.toMatch(/https?:\/\//);
  });
});

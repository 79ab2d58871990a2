// The desktop app's entry: one window showing the bundled renderer, a Chinese menu, and the engine
// service on the user's workspace, reachable only through the checked IPC channel (ipc.ts).
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { serializeError } from '../shared/errors.js';
import { createEngineService } from './service/engineService.js';
import { registerApi } from './ipc.js';
import { useSiteWorkerEntry } from './audit/siteWorkers.js';
import { guardNavigation, windowOptions } from './window.js';

const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const RENDERER_FILE = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
// A run's sites are audited in worker processes started from this file, built beside the app's entry.
useSiteWorkerEntry(fileURLToPath(new URL('./siteWorker.js', import.meta.url)));

/** The dev server's URL during `npm run dev`; the built renderer's file everywhere else. */
function appUrl(): string {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  return !app.isPackaged && devServer ? devServer : pathToFileURL(RENDERER_FILE).href;
}

function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

function chineseMenu(): MenuItemConstructorOptions[] {
  return [
    { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于政务网站检查工作站',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: '关于',
              message: `政务网站检查工作站 ${app.getVersion()}`,
              detail: `数据文件夹：${join(app.getPath('userData'), 'workspace')}`,
            }),
        },
      ],
    },
  ];
}

async function start(): Promise<void> {
  const url = appUrl();
  // No page of this app needs the camera, notifications or any other permission.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, url));
  Menu.setApplicationMenu(Menu.buildFromTemplate(chineseMenu()));

  const service = await createEngineService({
    workspaceDir: join(app.getPath('userData'), 'workspace'),
    resourcesDir: resourcesDir(),
  });
  let window: BrowserWindow | null = new BrowserWindow(windowOptions(PRELOAD_PATH));
  const unregister = registerApi(service, () => window, url);
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
  });
  app.on('window-all-closed', () => {
    unregister();
    void service.close().finally(() => app.quit());
  });
  await window.loadURL(url);
}

if (!app.requestSingleInstanceLock()) {
  // One workspace, one writer: a second instance hands over to the first and leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [existing] = BrowserWindow.getAllWindows();
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const serialized = serializeError(error);
      console.error(`Startup failed: ${serialized.message}`);
      dialog.showErrorBox('无法启动政务网站检查工作站', serialized.userMessage);
      app.exit(1);
    });
}

// The IPC boundary: the one channel the renderer may call, checked before anything reaches the engine.
// Every call must come from the app's own top-level page, name a method of the contract and carry an
// input its zod schema accepts; the engine's events go back on the event channel.
import { dialog, ipcMain, shell } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { API_CHANNEL, API_INPUTS, EVENT_CHANNEL, SHELL_METHODS } from '../shared/api.js';
import type { ApiEvent, ApiInput, ApiMethod, ApiResult, ShellMethod } from '../shared/api.js';
import { AppError, serializeError } from '../shared/errors.js';
import { isAppUrl } from './window.js';

/** What the shell needs of the engine service (src/main/service/engineService.ts). */
export interface ApiService {
  dispatch(method: string, rawInput: unknown): Promise<ApiResult<ApiMethod>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

type Rejection = { ok: false; error: ReturnType<typeof serializeError> };

function reject(message: string, userMessage: string): Rejection {
  return { ok: false, error: serializeError(new AppError('bad-input', message, userMessage)) };
}

/** Only the app's own page in its top frame may call the engine; subframes and foreign pages may not. */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url' | 'parent'> | null, appUrl: string): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url, appUrl);
}

function isApiMethod(method: unknown): method is ApiMethod {
  return typeof method === 'string' && Object.prototype.hasOwnProperty.call(API_INPUTS, method);
}

function isShellMethod(method: ApiMethod): method is ShellMethod {
  return (SHELL_METHODS as readonly string[]).includes(method);
}

/**
 * The shell's own methods. Folders are opened only when the engine itself wrote them (an export's
 * output folder, the workspace) or the user picked them in a dialog, so the renderer cannot open
 * arbitrary paths.
 */
export class ShellMethods {
  private readonly openable = new Set<string>();

  constructor(private readonly window: () => BrowserWindow | null) {}

  allowFolder(path: string): void {
    this.openable.add(path);
  }

  async chooseFile(input: ApiInput<'chooseFile'>): Promise<{ path: string | null }> {
    const owner = this.window();
    const filters = (input.filters ?? []).map((f) => ({ name: f.name, extensions: f.extensions }));
    if (input.mode === 'save') {
      const options = { title: input.title, defaultPath: input.defaultPath, filters };
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return { path: result.canceled || !result.filePath ? null : result.filePath };
    }
    const properties: ('openFile' | 'openDirectory' | 'createDirectory')[] =
      input.mode === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile'];
    const options = { title: input.title, defaultPath: input.defaultPath, filters, properties };
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    const path = result.canceled ? null : (result.filePaths[0] ?? null);
    if (path && input.mode === 'folder') this.allowFolder(path);
    return { path };
  }

  async openFolder(input: ApiInput<'openFolder'>): Promise<{ ok: true }> {
    if (!this.openable.has(input.path)) {
      throw new AppError(
        'bad-input',
        `openFolder refused for ${input.path}`,
        '只能打开本程序的数据文件夹或导出的文件夹。',
      );
    }
    const failure = await shell.openPath(input.path);
    if (failure) throw new AppError('not-found', `openPath failed: ${failure}`, `无法打开文件夹：${failure}`);
    return { ok: true };
  }
}

/** Validates one call and hands it to the shell or the engine. Never throws: errors become results. */
export async function handleApiCall(
  service: ApiService,
  shellMethods: ShellMethods,
  appUrl: string,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  method: unknown,
  rawInput: unknown,
): Promise<ApiResult<ApiMethod>> {
  if (!isTrustedSender(event.senderFrame, appUrl)) {
    return reject(
      `IPC call from untrusted frame ${event.senderFrame?.url ?? '(none)'}`,
      '拒绝来自外部页面的请求。',
    );
  }
  if (!isApiMethod(method)) return reject(`Unknown API method ${String(method)}`, '程序请求了不存在的功能。');
  const parsed = API_INPUTS[method].safeParse(rawInput);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.join('.') || '(input)';
    return reject(
      `Invalid input for ${method} at ${where}: ${first?.message}`,
      `输入有误：${first?.message ?? '格式不正确'}`,
    );
  }
  try {
    if (isShellMethod(method)) {
      const value =
        method === 'chooseFile'
          ? await shellMethods.chooseFile(parsed.data as ApiInput<'chooseFile'>)
          : await shellMethods.openFolder(parsed.data as ApiInput<'openFolder'>);
      return { ok: true, value };
    }
    const result = await service.dispatch(method, parsed.data);
    if (method === 'exportReport' && result.ok) {
      shellMethods.allowFolder((result.value as { outDir: string }).outDir);
    }
    if (method === 'getDataFolder' && result.ok) {
      shellMethods.allowFolder((result.value as { path: string }).path);
    }
    return result;
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

/** Wires the API channel to the service and forwards its events to the window. Returns the unwiring. */
export function registerApi(
  service: ApiService,
  window: () => BrowserWindow | null,
  appUrl: string,
): () => void {
  const shellMethods = new ShellMethods(window);
  ipcMain.handle(API_CHANNEL, (event, method: unknown, input: unknown) =>
    handleApiCall(service, shellMethods, appUrl, event, method, input),
  );
  const stopEvents = service.onEvent((apiEvent) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(EVENT_CHANNEL, apiEvent);
  });
  return () => {
    ipcMain.removeHandler(API_CHANNEL);
    stopEvents();
  };
}

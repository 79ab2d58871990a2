// One error shape for everything that reaches a person: English for logs, Chinese for the UI.
export type AppErrorCode =
  | 'bad-input'
  | 'workspace-corrupt'
  | 'workspace-newer'
  | 'workspace-busy'
  | 'disk-full'
  | 'browser-missing'
  | 'network'
  | 'not-found'
  | 'not-supported'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly userMessage: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface SerializedError {
  code: AppErrorCode;
  message: string;
  userMessage: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError)
    return { code: error.code, message: error.message, userMessage: error.userMessage };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message, userMessage: `程序内部错误：${message}。请将日志发给维护人员。` };
}

// The renderer's only way to the engine: window.api from the preload (or the e2e bridge), typed by the
// contract. Failures become ApiCallError carrying the Chinese message to show.
import { useEffect, useRef } from 'react';
import type { ApiEvent, ApiInput, ApiMethod, ApiOutput, WindowApi } from '../shared/api.js';
import type { SerializedError } from '../shared/errors.js';

declare global {
  interface Window {
    api: WindowApi;
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: SerializedError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

export async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await window.api.invoke(method, input);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}

/** What to tell the user about a failure: the engine's Chinese message, or a generic one. */
export function userMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.error.userMessage;
  return '操作失败，请重试；如果问题持续出现，请将日志发给维护人员。';
}

/** Subscribes to the engine's events for the lifetime of the component. */
export function useApiEvents(listener: (event: ApiEvent) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => window.api.onEvent((event) => latest.current(event)), []);
}

// The IPC channel names, apart from the zod schemas so the sandboxed preload bundles nothing else.
export const API_CHANNEL = 'audit-api';
export const EVENT_CHANNEL = 'audit-event';

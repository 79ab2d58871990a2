// The messages between an audit and its site worker processes (child_process IPC, structured clone).
import type { AuditProgress } from '../../shared/api.js';

export type ToSiteWorker =
  | { type: 'init'; dir: string; runId: string; resourcesDir: string; concurrency: number }
  | { type: 'site'; siteId: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'cancel' }
  | { type: 'stop' };

export type FromSiteWorker =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'site-done'; siteId: number }
  | { type: 'progress'; progress: AuditProgress }
  | { type: 'log'; line: string };

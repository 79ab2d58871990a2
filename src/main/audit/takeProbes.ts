import type { Site } from '../../shared/domain.js';
import { probeOnce } from '../monitor/probe.js';
import type { HttpClient } from '../net/httpClient.js';
import type { Workspace } from '../store/workspace.js';
import type { RunControl } from './control.js';

/** The `--probes N` taken now, added to what the monitor stored for the window (design.md). */
export async function takeProbes(args: {
  ws: Workspace;
  runId: string;
  site: Site;
  client: HttpClient;
  count: number;
  intervalMs: number;
  timeoutMs: number;
  control: RunControl;
}): Promise<void> {
  const already = args.ws.db
    .prepare('SELECT COUNT(*) AS n FROM probes WHERE run_id = ? AND site_id = ?')
    .get(args.runId, args.site.id) as { n: number };
  for (let i = already.n; i < args.count && !args.control.cancelled; i++) {
    if (i > already.n && args.intervalMs > 0) await new Promise((r) => setTimeout(r, args.intervalMs));
    // A paused run sends nothing until it is resumed.
    await args.control.checkpoint();
    if (args.control.cancelled) break;
    const probe = await probeOnce(args.client, args.site.url, args.timeoutMs);
    args.ws.probes.add(args.site.id, probe, args.runId);
  }
}

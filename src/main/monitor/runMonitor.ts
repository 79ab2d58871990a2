import type { MonitorArgs } from '../cli/args.js';
import { createHttpClient } from '../net/httpClient.js';
import { defaultNetworkOptions } from '../net/options.js';
import { Workspace } from '../store/workspace.js';
import { markLocalNetworkFailures, probeOnce } from './probe.js';
import { ProbeSchedule } from './schedule.js';

const DAY_MS = 86_400_000;

/**
 * The standard's week of probes: every ledger site probed at spread intervals, all sites of a round in
 * parallel; results written after the round so a slow disk never delays (and fails) a probe.
 */
export async function runMonitor(
  args: MonitorArgs,
  io: { log: (line: string) => void; out: (line: string) => void },
): Promise<number> {
  const ws = Workspace.open(args.data);
  const client = createHttpClient(
    defaultNetworkOptions({
      mapHost: args.mapHost,
      offline: args.offline,
      proxy: args.proxy,
      caFile: args.caFile,
      timeoutMs: args.probeTimeoutS * 1000,
    }),
  );
  const timeoutMs = args.probeTimeoutS * 1000;
  const totalSlots = Math.max(1, Math.round(args.days * args.perDay));
  const schedule = new ProbeSchedule(Date.now(), DAY_MS / args.perDay, totalSlots);
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.on('SIGINT', onSignal);
  try {
    let lastMono = performance.now();
    let lastWall = Date.now();
    while (!stop && !schedule.finished) {
      const decision = schedule.due(Date.now());
      if (!decision) {
        await new Promise((r) => setTimeout(r, Math.min(schedule.waitMs(Date.now()), 1000)));
        const drift = Date.now() - lastWall - (performance.now() - lastMono);
        if (Math.abs(drift) > 5000)
          io.log(
            `clock moved by ${Math.round(drift / 1000)} s (sleep or clock change): missed slots are recorded as gaps`,
          );
        lastMono = performance.now();
        lastWall = Date.now();
        continue;
      }
      if (decision.missed > 0) io.log(`missed ${decision.missed} probe slot(s): coverage will show 监测不足`);
      const sites = ws.sites.list();
      const round = markLocalNetworkFailures(
        await Promise.all(sites.map((s) => probeOnce(client, s.url, timeoutMs))),
      );
      ws.tx(() => round.forEach((probe, i) => ws.probes.add(sites[i].id, probe)));
      const failed = round.filter((p) => !p.ok).length;
      io.out(
        `${new Date().toISOString()} slot ${decision.slot + 1}/${totalSlots}: ${round.length - failed} ok, ${failed} failed${round.some((p) => p.localNetwork) ? ' (本机网络异常)' : ''}`,
      );
      lastMono = performance.now();
      lastWall = Date.now();
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    await client.close();
    ws.close();
  }
}

import type { MonitorStatus } from '../../shared/api.js';
import { addDays, shanghaiToday } from '../checks/dates/civilDate.js';
import { availabilityWindow } from '../checks/dates/availabilityWindow.js';
import type { Workspace } from '../store/workspace.js';

/** Probe coverage per site and day over the standard's week: a day with few probes shows as 监测不足. */
export function monitorStatus(ws: Workspace, today = shanghaiToday()): MonitorStatus {
  const window = availabilityWindow(today);
  const days = Array.from({ length: 7 }, (_, i) => addDays(today, i - 6));
  const dayOf = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));
  return {
    running: false,
    sites: ws.sites.list().map((site) => {
      const probes = ws.db
        .prepare('SELECT at, ok FROM probes WHERE site_id = ? AND at >= ? AND at < ? AND local_network = 0')
        .all(site.id, window.fromIso, window.toIso) as { at: string; ok: number }[];
      return {
        siteId: site.id,
        name: site.name,
        days: days.map((date) => {
          const ofDay = probes.filter((p) => dayOf(p.at) === date);
          return { date, probes: ofDay.length, failures: ofDay.filter((p) => p.ok === 0).length };
        }),
      };
    }),
  };
}

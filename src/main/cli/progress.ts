import type { AuditProgress } from '../../shared/api.js';

const PHASES: Record<AuditProgress['phase'], string> = {
  crawl: '抓取',
  links: '链接',
  probes: '监测',
  checks: '检查',
  done: '完成',
  failed: '失败',
  paused: '暂停',
  cancelled: '取消',
};

function bar(fraction: number, width = 20): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/** Progress on stderr: a live bar on a terminal, plain lines (one per phase and every few pages) otherwise. */
export function createProgressReporter(
  stream: NodeJS.WriteStream,
  quiet: boolean,
): (p: AuditProgress) => void {
  const live = Boolean(stream.isTTY) && !quiet;
  // Per site: sites audited in parallel workers report in turn, and each keeps its own cadence.
  const printed = new Map<number, { phase: AuditProgress['phase']; pages: number }>();
  return (p) => {
    if (quiet) return;
    const done = p.phase === 'links' ? p.linksChecked : p.pagesDone;
    const total = p.phase === 'links' ? p.linksTotal : p.pagesDone + p.pagesQueued;
    const fraction = total > 0 ? done / total : 0;
    const eta = p.etaSeconds !== null ? ` 约剩${p.etaSeconds}s` : '';
    const line = `${p.siteName} ${PHASES[p.phase]} ${bar(fraction)} ${done}/${total}${eta}${p.currentUrl ? ` ${p.currentUrl}` : ''}`;
    if (live) {
      stream.write(`\r\x1b[K${line.slice(0, (stream.columns ?? 100) - 1)}`);
      if (p.phase === 'done' || p.phase === 'failed') stream.write('\n');
      return;
    }
    const last = printed.get(p.siteId);
    if (!last || last.phase !== p.phase || (p.phase === 'crawl' && p.pagesDone - last.pages >= 10)) {
      stream.write(`${line}${p.message ? ` (${p.message})` : ''}\n`);
      printed.set(p.siteId, { phase: p.phase, pages: p.pagesDone });
    }
  };
}

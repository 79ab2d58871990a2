// How a site's outcome reads on screen: the score, or 单项否决 once a veto stops the scoring.
import type { SiteRunSummary } from '../shared/api.js';
import { formatNumber } from './format.js';

export function verdictClass(verdict: string | undefined): string {
  if (verdict === '合格') return 'verdict verdict-ok';
  if (verdict === '不合格') return 'verdict verdict-bad';
  return 'verdict verdict-pending';
}

export function scoreText(site: SiteRunSummary): string {
  if (!site.score) return site.status === 'failed' ? '检查失败' : '未评分';
  if (site.score.score === null) return '单项否决';
  return `${formatNumber(site.score.score, 1)} 分`;
}

// column-blank facts: a column whose list rendered with no item (judged after rendering, so lists filled
// by script are not blank). Excluded columns (历史专题) are not reported.
import type { ColumnFact, Finding } from '../../../shared/domain.js';
import { COLUMN_CATEGORY_LABELS } from '../../../shared/domain.js';
import { makeFinding } from '../finding.js';

export function blankColumnFindings(columns: ColumnFact[], siteUrl: string): Finding[] {
  return columns
    .filter((c) => c.blank && !c.excluded)
    .map((c) =>
      makeFinding({
        siteUrl,
        type: 'column-blank',
        url: c.url ?? c.pageUrl ?? siteUrl,
        pageUrl: c.pageUrl ?? siteUrl,
        key: c.name,
        detail: `栏目“${c.name}”（${COLUMN_CATEGORY_LABELS[c.category]}，${c.level === 1 ? '一级栏目' : `${c.level}级栏目`}）页面已渲染，但无任何信息`,
        box: c.box ?? null,
        data: { name: c.name, category: c.category, level: c.level, source: c.source },
      }),
    );
}

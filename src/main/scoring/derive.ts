// Pack-derived findings: the facts (column dates, home date, messages, activities) judged against the
// pack's windows. Re-scoring under another pack re-derives them; facts never change.
import type { ColumnFact, ColumnJudgement, Finding } from '../../shared/domain.js';
import { COLUMN_CATEGORY_LABELS } from '../../shared/domain.js';
import { makeFinding } from '../checks/finding.js';
import { daysBetween } from '../checks/dates/civilDate.js';
import type { RulePack } from './rulePack.js';
import type { WorkCalendar } from './workCalendar.js';
import { describeWindow, isWithin, shiftByWindow, windowStart } from './windows.js';

export interface ConsultationChannel {
  name?: string;
  url?: string | null;
  /** 'consultation' (政务咨询/信箱), 'findfault' (我为政府网站找错), 'petition' (never judged). */
  channel?: string;
  messages: { askedAt: string; repliedAt: string | null; url: string }[];
}

export interface Activity {
  date: string;
  url?: string | null;
  title?: string;
}

export interface DeriveInput {
  siteUrl: string;
  asOf: string;
  columns: ColumnFact[];
  homeLatestDate: string | null;
  homeNavigationOnly?: boolean;
  consultation?: ConsultationChannel[];
  surveys?: Activity[];
  interviews?: Activity[];
}

/** Columns whose freshness is known: a list was rendered (not only a menu entry), not a 历史专题. */
const judgeable = (c: ColumnFact) => !c.excluded && (c.source === 'home-block' || c.source === 'list-page');

function ruleFor(pack: RulePack, c: ColumnFact) {
  return pack.columnRules.find(
    (r) =>
      r.categories.includes(c.category) &&
      (r.minLevel === undefined || c.level >= r.minLevel) &&
      (r.maxLevel === undefined || c.level <= r.maxLevel),
  );
}

export function judgeColumns(
  columns: ColumnFact[],
  pack: RulePack,
  asOf: string,
  calendar: WorkCalendar,
): (ColumnJudgement & { rule: string | null })[] {
  return columns.map((c) => {
    const rule = judgeable(c) ? ruleFor(pack, c) : undefined;
    if (!rule) return { ...c, stale: false, windowDays: null, rule: null };
    const window = pack.windows[rule.window];
    return {
      ...c,
      stale: !isWithin(c.latestDate, asOf, window, calendar),
      windowDays: daysBetween(windowStart(asOf, window, calendar), asOf),
      rule: rule.id,
    };
  });
}

function levelLabel(level: number): string {
  return level === 1 ? '一级栏目' : `${level}级栏目`;
}

export function deriveFindings(
  input: DeriveInput,
  pack: RulePack,
  calendar: WorkCalendar,
  judged: ReturnType<typeof judgeColumns>,
): Finding[] {
  const { siteUrl, asOf } = input;
  const out: Finding[] = [];

  const homeWindow = pack.windows[pack.home.window];
  if (!isWithin(input.homeLatestDate, asOf, homeWindow, calendar)) {
    const where = input.homeNavigationOnly ? '首页仅为栏目导航入口，所有二级页面' : '首页';
    const last = input.homeLatestDate ? `最新信息发布于${input.homeLatestDate}` : '未发现注明发布时间的信息';
    out.push(
      makeFinding({
        siteUrl,
        type: 'home-stale',
        url: siteUrl,
        pageUrl: siteUrl,
        key: pack.home.window,
        detail: `${where}在监测时间点（${asOf}）前${describeWindow(homeWindow)}内无信息更新：${last}`,
        data: {
          latestDate: input.homeLatestDate,
          windowStart: windowStart(asOf, homeWindow, calendar),
          navigationOnly: input.homeNavigationOnly ?? false,
        },
      }),
    );
  }

  const inventoryConfirmed = input.columns.some((c) => c.confirmed);
  for (const c of judged) {
    if (!c.stale || !c.rule) continue;
    const rule = pack.columnRules.find((r) => r.id === c.rule)!;
    const window = pack.windows[rule.window];
    const last = c.blank
      ? '栏目为空白'
      : c.latestDate
        ? `最后更新于${c.latestDate}（距监测时间点${daysBetween(c.latestDate, asOf)}天）`
        : '栏目信息均未注明发布时间，视为不更新';
    out.push(
      makeFinding({
        siteUrl,
        type: 'column-stale',
        url: c.url ?? c.pageUrl ?? siteUrl,
        pageUrl: c.pageUrl ?? siteUrl,
        key: `${c.name}|${rule.id}`,
        detail: `栏目“${c.name}”（${COLUMN_CATEGORY_LABELS[c.category]}，${levelLabel(c.level)}）监测时间点前${describeWindow(window)}内未更新：${last}`,
        box: c.box ?? null,
        data: {
          rule: rule.id,
          name: c.name,
          category: c.category,
          level: c.level,
          latestDate: c.latestDate,
          blank: c.blank,
          windowStart: windowStart(asOf, window, calendar),
          inventoryConfirmed,
        },
      }),
    );
  }

  for (const req of pack.requiredColumns) {
    if (input.columns.some((c) => !c.excluded && c.category === req.category)) continue;
    out.push(
      makeFinding({
        siteUrl,
        type: 'column-missing',
        url: siteUrl,
        pageUrl: siteUrl,
        key: req.category,
        detail: `未发现${req.title}${inventoryConfirmed ? '' : '（机器初判，栏目清单未确认）'}`,
        // Until the user confirms the inventory, "missing" may be a column the crawl did not find.
        needsConfirmation: !inventoryConfirmed,
        data: { category: req.category, requirement: req.id, inventoryConfirmed },
      }),
    );
  }

  for (const rule of pack.consultationRules) {
    const lookback = pack.windows[rule.lookback];
    const replyWithin = pack.windows[rule.replyWithin];
    for (const ch of input.consultation ?? []) {
      if (!rule.channels.includes(ch.channel ?? 'consultation')) continue;
      for (const m of ch.messages) {
        const asked = m.askedAt.slice(0, 10);
        if (!isWithin(asked, asOf, lookback, calendar)) continue;
        const deadline = shiftByWindow(asked, replyWithin, 1, calendar);
        const replied = m.repliedAt?.slice(0, 10) ?? null;
        const late = replied ? replied > deadline : asOf > deadline;
        if (!late) continue;
        out.push(
          makeFinding({
            siteUrl,
            type: 'consultation-unanswered',
            url: m.url,
            pageUrl: ch.url ?? siteUrl,
            key: `${rule.id}|${asked}`,
            detail: replied
              ? `“${ch.name ?? '留言'}”留言于${asked}提交，${replied}才答复，超过${describeWindow(replyWithin)}`
              : `“${ch.name ?? '留言'}”留言于${asked}提交，截至${asOf}仍未答复，超过${describeWindow(replyWithin)}`,
            data: {
              rule: rule.id,
              channel: ch.channel ?? 'consultation',
              askedAt: asked,
              repliedAt: replied,
              deadline,
            },
          }),
        );
      }
    }
  }

  for (const rule of pack.activityRules) {
    const list = input[rule.input];
    if (list === undefined) continue; // not gathered: unknown, not inactive
    const window = pack.windows[rule.window];
    const n = list.filter((a) => isWithin(a.date.slice(0, 10), asOf, window, calendar)).length;
    if (n >= rule.min) continue;
    const what = rule.input === 'surveys' ? '调查征集' : '在线访谈';
    out.push(
      makeFinding({
        siteUrl,
        type: rule.type,
        url: siteUrl,
        pageUrl: siteUrl,
        key: rule.id,
        detail: `监测时间点前${describeWindow(window)}内开展${what}活动${n}次（要求至少${rule.min}次）`,
        data: { rule: rule.id, count: n, windowStart: windowStart(asOf, window, calendar) },
      }),
    );
  }
  return out;
}

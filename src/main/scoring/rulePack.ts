// The rule pack schema: every window, threshold, veto, deduction, bonus and manual item of a standard is
// data (resources/rules/*.json), so a provincial variant is a new file, not new code.
import { z } from 'zod';
import { COLUMN_CATEGORIES, FINDING_TYPES } from '../../shared/domain.js';

/** How sure the encoding is (standard/indicators.md): printed beside each item in reports. */
export const ITEM_STATUSES = ['VERIFIED', 'VERIFIED-VENDOR', 'PARTIAL', 'UNVERIFIED'] as const;
const status = z.enum(ITEM_STATUSES);
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case id (a-z, 0-9, -)');
const points = z.number().nonnegative();
/** Any required wording: a title, a group, a rule's text, a reason. */
const words = z.string().min(1);

const windowSchema = z
  .object({
    days: z.number().int().positive().optional(),
    months: z.number().int().positive().optional(),
    years: z.number().int().positive().optional(),
    workingDays: z.number().int().positive().optional(),
    status,
    note: z.string().optional(),
  })
  .strict()
  .refine((w) => [w.days, w.months, w.years, w.workingDays].filter((v) => v !== undefined).length === 1, {
    message: 'a window has exactly one of days, months, years, workingDays',
  });
export type Window = z.infer<typeof windowSchema>;

const valueMatch = z.union([
  z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  z
    .object({
      gte: z.number().optional(),
      gt: z.number().optional(),
      lte: z.number().optional(),
      lt: z.number().optional(),
    })
    .strict(),
]);
export type ValueMatch = z.infer<typeof valueMatch>;

/** Findings of some types whose data fields match: the unit every evaluator counts. */
const selectorSchema = z
  .object({
    types: z.array(z.enum(FINDING_TYPES)).min(1),
    where: z.record(valueMatch).optional(),
    exclude: z.record(valueMatch).optional(),
    /** A data field holding a number or a list: one finding then counts that many occurrences. */
    weightField: z.string().optional(),
    /**
     * Count distinct values of this data field (lists flattened) across the findings instead: the six
     * identity elements are judged site-wide (每缺一项), however many pages lack them.
     */
    distinctBy: z.string().optional(),
  })
  .strict()
  .refine((s) => !(s.weightField && s.distinctBy), {
    message: 'a selector has at most one of weightField, distinctBy',
  });
export type Selector = z.infer<typeof selectorSchema>;

export type Condition =
  | { kind: 'count'; select: Selector; min: number }
  | { kind: 'availability'; minFailureRate: number }
  | { kind: 'anyOf'; conditions: Condition[] }
  | {
      kind: 'columnFresh';
      categories: (typeof COLUMN_CATEGORIES)[number][];
      window: string;
      maxLevel?: number;
    }
  | { kind: 'activityCount'; input: 'surveys' | 'interviews'; window: string; min: number };

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('count'), select: selectorSchema, min: z.number().int().positive() }).strict(),
    z.object({ kind: z.literal('availability'), minFailureRate: z.number().gt(0).lte(1) }).strict(),
    z.object({ kind: z.literal('anyOf'), conditions: z.array(conditionSchema).min(1) }).strict(),
    z
      .object({
        kind: z.literal('columnFresh'),
        categories: z.array(z.enum(COLUMN_CATEGORIES)).min(1),
        window: z.string(),
        maxLevel: z.number().int().positive().optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('activityCount'),
        input: z.enum(['surveys', 'interviews']),
        window: z.string(),
        min: z.number().int().positive(),
      })
      .strict(),
  ]),
);

const vetoSchema = z
  .object({
    id,
    title: words,
    status,
    text: words,
    reason: words,
    condition: conditionSchema,
    /** Departments without public services are not checked on this item (服务不实用). */
    skipWhenNoPublicService: z.boolean().default(false),
  })
  .strict();

const deductionRuleSchema = z
  .object({
    id,
    text: words,
    points,
    per: z.enum(['occurrence', 'once']),
    /** Count findings … */
    select: selectorSchema.optional(),
    /** … or test a condition (e.g. the availability ratio): points once when it holds. */
    when: conditionSchema.optional(),
  })
  .strict()
  .refine((r) => (r.select === undefined) !== (r.when === undefined), {
    message: 'a deduction rule has exactly one of select, when',
  })
  .refine((r) => r.when === undefined || r.per === 'once', { message: 'a rule with when deducts once' });

/** What a scored item (a deduction or a bonus item) has besides its rules. */
const scoredItemFields = { id, group: words, title: words, cap: points, status };

const deductionItemSchema = z
  .object({ ...scoredItemFields, rules: z.array(deductionRuleSchema), note: z.string().optional() })
  .strict();

const bonusRuleSchema = z
  .object({
    id,
    text: words,
    points,
    when: conditionSchema,
    /** Alternatives (3 months: 2 points, else 6 months: 1 point): skipped when that rule scored. */
    insteadOf: z.string().optional(),
  })
  .strict();

const bonusItemSchema = z.object({ ...scoredItemFields, rules: z.array(bonusRuleSchema) }).strict();

const manualItemSchema = z
  .object({
    id,
    title: words,
    status,
    text: words,
    kind: z.enum(['deduction', 'bonus']),
    /** The deduction or bonus item whose cap the reviewer's points share. */
    item: z.string(),
    maxPoints: points,
    sample: z
      .object({
        size: z.number().int().positive(),
        from: z.enum(['column-items', 'columns']),
        categories: z.array(z.enum(COLUMN_CATEGORIES)).optional(),
        label: words,
      })
      .strict()
      .optional(),
  })
  .strict();

const rulePackSchema = z
  .object({
    id,
    version: words,
    title: words,
    document: words,
    status,
    note: z.string().optional(),
    windows: z.record(windowSchema),
    home: z.object({ window: z.string(), status, text: words }).strict(),
    columnRules: z.array(
      z
        .object({
          id,
          title: words,
          categories: z.array(z.enum(COLUMN_CATEGORIES)).min(1),
          window: z.string(),
          minLevel: z.number().int().positive().optional(),
          maxLevel: z.number().int().positive().optional(),
          status,
        })
        .strict(),
    ),
    requiredColumns: z.array(
      z.object({ id, title: words, category: z.enum(COLUMN_CATEGORIES), status }).strict(),
    ),
    consultationRules: z.array(
      z
        .object({
          id,
          title: words,
          channels: z.array(words).min(1),
          lookback: z.string(),
          replyWithin: z.string(),
          status,
        })
        .strict(),
    ),
    activityRules: z.array(
      z
        .object({
          id,
          type: z.enum(['survey-inactive', 'interview-inactive']),
          input: z.enum(['surveys', 'interviews']),
          window: z.string(),
          min: z.number().int().positive(),
          status,
        })
        .strict(),
    ),
    availability: z
      .object({
        maxFailureRate: z.number().gt(0).lte(1),
        weekProbes: z.number().int().positive(),
        probeTimeoutSeconds: z.number().positive(),
        status,
      })
      .strict(),
    scoring: z
      .object({
        maxScore: z.number().positive(),
        passLine: z.number().nonnegative(),
        /** true: a score equal to the pass line passes (2019: 低于60分不合格). */
        passInclusive: z.boolean(),
        passStatus: status,
        bonusThreshold: z.number().nonnegative(),
        bonusMax: points,
        noPublicService: z
          .object({
            excludeGroups: z.array(words).min(1),
            scaleTo: z.number().positive(),
            status,
          })
          .strict()
          .optional(),
      })
      .strict(),
    vetoes: z.array(vetoSchema),
    deductions: z.array(deductionItemSchema),
    bonuses: z.array(bonusItemSchema),
    manual: z.array(manualItemSchema),
  })
  .strict()
  .superRefine((pack, ctx) => {
    const windowRef = (name: string, path: (string | number)[]) => {
      if (!(name in pack.windows))
        ctx.addIssue({ code: 'custom', path, message: `unknown window "${name}"` });
    };
    const conditionRefs = (c: Condition, path: (string | number)[]) => {
      if (c.kind === 'anyOf')
        c.conditions.forEach((sub, i) => conditionRefs(sub, [...path, 'conditions', i]));
      if (c.kind === 'columnFresh' || c.kind === 'activityCount') windowRef(c.window, [...path, 'window']);
    };
    windowRef(pack.home.window, ['home', 'window']);
    pack.columnRules.forEach((r, i) => windowRef(r.window, ['columnRules', i, 'window']));
    pack.consultationRules.forEach((r, i) => {
      windowRef(r.lookback, ['consultationRules', i, 'lookback']);
      windowRef(r.replyWithin, ['consultationRules', i, 'replyWithin']);
    });
    pack.activityRules.forEach((r, i) => windowRef(r.window, ['activityRules', i, 'window']));
    pack.vetoes.forEach((v, i) => conditionRefs(v.condition, ['vetoes', i, 'condition']));
    pack.bonuses.forEach((b, i) =>
      b.rules.forEach((r, j) => conditionRefs(r.when, ['bonuses', i, 'rules', j, 'when'])),
    );
    pack.deductions.forEach((d, i) =>
      d.rules.forEach((r, j) => r.when && conditionRefs(r.when, ['deductions', i, 'rules', j, 'when'])),
    );

    const unique = (ids: string[], field: string) =>
      ids.forEach((x, i) => {
        if (ids.indexOf(x) !== i)
          ctx.addIssue({ code: 'custom', path: [field, i, 'id'], message: `duplicate id "${x}"` });
      });
    unique(
      pack.vetoes.map((v) => v.id),
      'vetoes',
    );
    unique(
      pack.deductions.map((d) => d.id),
      'deductions',
    );
    unique(
      pack.bonuses.map((b) => b.id),
      'bonuses',
    );
    unique(
      pack.manual.map((m) => m.id),
      'manual',
    );

    pack.manual.forEach((m, i) => {
      const target = m.kind === 'deduction' ? pack.deductions : pack.bonuses;
      if (!target.some((t) => t.id === m.item)) {
        ctx.addIssue({
          code: 'custom',
          path: ['manual', i, 'item'],
          message: `no ${m.kind} item "${m.item}"`,
        });
      }
    });
    const capSum = pack.deductions.reduce((s, d) => s + d.cap, 0);
    if (Math.abs(capSum - pack.scoring.maxScore) > 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['deductions'],
        message: `item caps add up to ${capSum}, scoring.maxScore is ${pack.scoring.maxScore}`,
      });
    }
  });

export type RulePack = z.infer<typeof rulePackSchema>;
export type VetoItem = RulePack['vetoes'][number];
export type DeductionItem = RulePack['deductions'][number];
export type BonusItem = RulePack['bonuses'][number];
export type ManualItem = RulePack['manual'][number];
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Validates a pack; the error names the first failing field (e.g. `deductions.3.cap`). */
export function parseRulePack(json: unknown): RulePack {
  const parsed = rulePackSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid rule pack at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

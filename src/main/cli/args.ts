// The CLI contract of design.md, parsed and validated. Every flag either does what it says or is rejected;
// a bad flag exits 2 with one line saying why.
import fs from 'node:fs';
import {
  NetworkOptionsError,
  parseMapHost,
  validateNetworkOptions,
  defaultNetworkOptions,
} from '../net/options.js';

export class UsageError extends Error {}

export interface AuditArgs {
  command: 'audit';
  sites: { name: string; url: string }[];
  sitesFile: string | null;
  data: string;
  out: string;
  rules: string;
  asOf: string | null;
  maxPages: number;
  maxDepth: number;
  concurrency: number;
  perHost: number;
  /** Sites audited at once in worker processes; null: one per core. */
  workers: number | null;
  probes: number;
  probeIntervalS: number;
  probeTimeoutS: number;
  pageTimeoutS: number;
  linkTimeoutS: number;
  mapHost: Record<string, string>;
  offline: boolean;
  proxy: string | null;
  caFile: string | null;
  resume: string | true | null;
  quiet: boolean;
  /** A leader list (name, title, term) to keep in the workspace for the leader-name check. */
  leaders: string | null;
}

export interface MonitorArgs {
  command: 'monitor';
  data: string;
  days: number;
  perDay: number;
  probeTimeoutS: number;
  mapHost: Record<string, string>;
  offline: boolean;
  proxy: string | null;
  caFile: string | null;
}

export interface VerifyArgs {
  command: 'verify';
  target: string;
}

export interface RescoreArgs {
  command: 'rescore';
  data: string;
  run: string;
  rules: string;
}

/** A re-check (复查) of an earlier run: the whole run, or only the problems named by fingerprint. */
export interface RecheckArgs {
  command: 'recheck';
  data: string;
  run: string;
  problems: string[];
  out: string;
  quiet: boolean;
}

export interface MergeArgs {
  command: 'merge';
  data: string;
  packages: string[];
}

export interface SitesArgs {
  command: 'sites';
  action: 'import' | 'export';
  file: string;
  data: string;
}

export type CliArgs =
  AuditArgs | MonitorArgs | VerifyArgs | RescoreArgs | RecheckArgs | MergeArgs | SitesArgs;

type FlagKind = 'string' | 'int' | 'number' | 'bool' | 'multi' | 'optional';

const AUDIT_FLAGS: Record<string, FlagKind> = {
  '--site': 'multi',
  '--sites': 'string',
  '--data': 'string',
  '--out': 'string',
  '--rules': 'string',
  '--as-of': 'string',
  '--max-pages': 'int',
  '--max-depth': 'int',
  '--concurrency': 'int',
  '--per-host': 'int',
  '--workers': 'int',
  '--probes': 'int',
  '--probe-interval': 'number',
  '--probe-timeout': 'number',
  '--page-timeout': 'number',
  '--link-timeout': 'number',
  '--map-host': 'multi',
  '--offline': 'bool',
  '--proxy': 'string',
  '--ca-file': 'string',
  '--resume': 'optional',
  '--quiet': 'bool',
  '--leaders': 'string',
};

const MONITOR_FLAGS: Record<string, FlagKind> = {
  '--data': 'string',
  '--days': 'number',
  '--per-day': 'int',
  '--probe-timeout': 'number',
  '--map-host': 'multi',
  '--offline': 'bool',
  '--proxy': 'string',
  '--ca-file': 'string',
};

interface Parsed {
  values: Map<string, string | boolean | string[]>;
  positionals: string[];
}

function parseFlags(argv: string[], spec: Record<string, FlagKind>): Parsed {
  const values = new Map<string, string | boolean | string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    if (!raw.startsWith('--')) {
      positionals.push(raw);
      continue;
    }
    const [flag, inline] = raw.includes('=')
      ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
      : [raw, undefined];
    const kind = spec[flag];
    if (!kind) throw new UsageError(`unknown option ${flag}`);
    if (kind === 'bool') {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
      values.set(flag, true);
      continue;
    }
    if (kind === 'optional') {
      const next = inline ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : undefined);
      values.set(flag, next ?? true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new UsageError(`${flag} needs a value`);
    if (kind === 'multi') values.set(flag, [...((values.get(flag) as string[] | undefined) ?? []), value]);
    else {
      if (values.has(flag)) throw new UsageError(`${flag} given twice`);
      values.set(flag, value);
    }
  }
  return { values, positionals };
}

function int(p: Parsed, flag: string, fallback: number, min: number, max: number): number {
  const v = p.values.get(flag);
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^\d+$/.test(v))
    throw new UsageError(`${flag} must be a whole number, got "${String(v)}"`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function num(p: Parsed, flag: string, fallback: number, min: number, max: number): number {
  const v = p.values.get(flag);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n))
    throw new UsageError(`${flag} must be a number, got "${String(v)}"`);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function str(p: Parsed, flag: string): string | null {
  const v = p.values.get(flag);
  return typeof v === 'string' ? v : null;
}

function existingFile(p: Parsed, flag: string): string | null {
  const file = str(p, flag);
  if (file !== null && !fs.existsSync(file)) throw new UsageError(`${flag}: file not found: ${file}`);
  return file;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export function parseSiteSpec(spec: string): { name: string; url: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new UsageError(`--site expects "名称=URL", got "${spec}"`);
  const name = spec.slice(0, eq).trim();
  const url = spec.slice(eq + 1).trim();
  if (!name) throw new UsageError(`--site expects "名称=URL" with a name, got "${spec}"`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--site "${name}": not a URL: "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`--site "${name}": only http:// and https:// URLs can be audited, got "${url}"`);
  }
  return { name, url: parsed.href };
}

function network(p: Parsed) {
  try {
    const opts = validateNetworkOptions(
      defaultNetworkOptions({
        mapHost: parseMapHost((p.values.get('--map-host') as string[] | undefined) ?? []),
        offline: p.values.get('--offline') === true,
        proxy: str(p, '--proxy'),
        caFile: existingFile(p, '--ca-file'),
      }),
    );
    return { mapHost: opts.mapHost, offline: opts.offline, proxy: opts.proxy, caFile: opts.caFile };
  } catch (error) {
    if (error instanceof NetworkOptionsError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The flags a resumed run accepts: where its workspace and exports are, and how verbose. Everything else (sites,
 * limits, network, rules, dates) comes from the options stored with the run; given again, it would be silently
 * ignored, so it is refused.
 */
const RESUME_FLAGS = new Set(['--resume', '--data', '--out', '--quiet', '--leaders']);

function parseAudit(argv: string[]): AuditArgs {
  const p = parseFlags(argv, AUDIT_FLAGS);
  if (p.positionals.length) throw new UsageError(`unexpected argument "${p.positionals[0]}"`);
  if (p.values.has('--resume')) {
    const ignored = [...p.values.keys()].find((flag) => !RESUME_FLAGS.has(flag));
    if (ignored)
      throw new UsageError(
        `${ignored} cannot be combined with --resume: a resumed run keeps its stored options`,
      );
  }
  const sites = ((p.values.get('--site') as string[] | undefined) ?? []).map(parseSiteSpec);
  const twice = sites.find((s, i) => sites.findIndex((t) => t.url === s.url) !== i);
  if (twice) throw new UsageError(`--site: ${twice.url} given twice`);
  const sitesFile = existingFile(p, '--sites');
  if (sitesFile && !/\.(xlsx|csv)$/i.test(sitesFile))
    throw new UsageError('--sites must be an .xlsx or .csv file');
  const out = str(p, '--out') ?? 'audit-out';
  const data = str(p, '--data') ?? out;
  const resumeValue = p.values.get('--resume');
  const resume = resumeValue === undefined ? null : (resumeValue as string | true);
  if (!sites.length && !sitesFile && resume === null) {
    throw new UsageError('nothing to audit: give --site "名称=URL", --sites FILE or --resume');
  }
  const asOf = str(p, '--as-of');
  if (asOf !== null && !isCalendarDate(asOf))
    throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);
  const rules = str(p, '--rules') ?? 'inspection-2019';
  if (!/^[a-z0-9-]+$/.test(rules) && !rules.endsWith('.json')) {
    throw new UsageError(
      `--rules must be a pack id (inspection-2019, census-2015) or a .json file, got "${rules}"`,
    );
  }
  if (rules.endsWith('.json') && !fs.existsSync(rules))
    throw new UsageError(`--rules: file not found: ${rules}`);
  return {
    command: 'audit',
    sites,
    sitesFile,
    data,
    out,
    rules,
    asOf,
    maxPages: int(p, '--max-pages', 200, 1, 1_000_000),
    maxDepth: int(p, '--max-depth', 3, 0, 50),
    concurrency: int(p, '--concurrency', 4, 1, 64),
    perHost: int(p, '--per-host', 4, 1, 64),
    workers: p.values.has('--workers') ? int(p, '--workers', 1, 1, 64) : null,
    probes: int(p, '--probes', 3, 0, 1000),
    probeIntervalS: num(p, '--probe-interval', 10, 0, 86_400),
    probeTimeoutS: num(p, '--probe-timeout', 15, 0.1, 600),
    pageTimeoutS: num(p, '--page-timeout', 20, 0.5, 600),
    linkTimeoutS: num(p, '--link-timeout', 15, 0.1, 600),
    ...network(p),
    resume,
    quiet: p.values.get('--quiet') === true,
    leaders: existingFile(p, '--leaders'),
  };
}

function parseMonitor(argv: string[]): MonitorArgs {
  const p = parseFlags(argv, MONITOR_FLAGS);
  if (p.positionals.length) throw new UsageError(`unexpected argument "${p.positionals[0]}"`);
  const data = str(p, '--data');
  if (!data) throw new UsageError('monitor needs --data DIR');
  return {
    command: 'monitor',
    data,
    days: num(p, '--days', 7, 0.0001, 366),
    perDay: int(p, '--per-day', 24, 1, 1440),
    probeTimeoutS: num(p, '--probe-timeout', 15, 0.1, 600),
    ...network(p),
  };
}

export function parseCliArgs(argv: string[]): CliArgs {
  const [first, ...rest] = argv;
  switch (first) {
    case 'monitor':
      return parseMonitor(rest);
    case 'verify': {
      if (rest.length !== 1) throw new UsageError('usage: verify DIR|package.zip');
      if (!fs.existsSync(rest[0])) throw new UsageError(`verify: not found: ${rest[0]}`);
      return { command: 'verify', target: rest[0] };
    }
    case 'rescore': {
      const p = parseFlags(rest, { '--data': 'string', '--run': 'string', '--rules': 'string' });
      const data = str(p, '--data');
      const run = str(p, '--run');
      const rules = str(p, '--rules');
      if (!data || !run || !rules)
        throw new UsageError('usage: rescore --data DIR --run RUN_ID --rules PACK');
      return { command: 'rescore', data, run, rules };
    }
    case 'recheck': {
      const p = parseFlags(rest, {
        '--data': 'string',
        '--run': 'string',
        '--problem': 'multi',
        '--out': 'string',
        '--quiet': 'bool',
      });
      const data = str(p, '--data');
      const run = str(p, '--run');
      if (!data || !run || p.positionals.length)
        throw new UsageError('usage: recheck --data DIR --run RUN_ID [--problem FINGERPRINT]... [--out DIR]');
      const problems = (p.values.get('--problem') as string[] | undefined) ?? [];
      const bad = problems.find((fp) => !/^[0-9a-f]{64}$/.test(fp));
      if (bad !== undefined)
        throw new UsageError(`--problem must be a finding fingerprint (64 hex digits), got "${bad}"`);
      return {
        command: 'recheck',
        data,
        run,
        problems,
        out: str(p, '--out') ?? data,
        quiet: p.values.get('--quiet') === true,
      };
    }
    case 'merge': {
      const p = parseFlags(rest, { '--data': 'string' });
      const data = str(p, '--data');
      if (!data || !p.positionals.length) throw new UsageError('usage: merge --data DIR package.zip...');
      for (const pkg of p.positionals)
        if (!fs.existsSync(pkg)) throw new UsageError(`merge: not found: ${pkg}`);
      return { command: 'merge', data, packages: p.positionals };
    }
    case 'sites': {
      const p = parseFlags(rest, { '--data': 'string' });
      const [action, file] = p.positionals;
      const data = str(p, '--data');
      if ((action !== 'import' && action !== 'export') || !file || !data) {
        throw new UsageError('usage: sites import|export FILE --data DIR');
      }
      if (action === 'import' && !fs.existsSync(file))
        throw new UsageError(`sites import: file not found: ${file}`);
      return { command: 'sites', action, file, data };
    }
    default:
      return parseAudit(argv);
  }
}

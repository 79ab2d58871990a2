// Bad CLI input (issue 8): every invalid combination is a UsageError with one line saying why (the CLI turns it
// into exit code 2); a few are run through the real CLI to check the exit code and the single stderr line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError, type AuditArgs } from '../../src/main/cli/args.js';
import { spawnCli } from '../fixtures/hostile/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-args-'));
const csv = path.join(dir, 'sites.csv');
const txt = path.join(dir, 'sites.txt');
const pack = path.join(dir, 'pack.json');
fs.writeFileSync(csv, '网站名称,网站地址\n');
fs.writeFileSync(txt, 'x');
fs.writeFileSync(pack, '{}');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SITE = ['--site', '示范县人民政府=http://www.sfx.gov.cn/'];
const missing = path.join(dir, 'missing');

/** [why it is invalid, argv, what the one line must say] */
const INVALID: [string, string[], RegExp][] = [
  ['nothing to audit', [], /nothing to audit/],
  ['an unknown option', [...SITE, '--max-page', '3'], /unknown option --max-page/],
  ['a stray argument', [...SITE, 'extra'], /unexpected argument "extra"/],
  ['a value-taking flag without its value', [...SITE, '--out'], /--out needs a value/],
  ['a value-taking flag followed by another flag', [...SITE, '--out', '--quiet'], /--out needs a value/],
  ['a single-valued flag twice', [...SITE, '--out', 'a', '--out', 'b'], /--out given twice/],
  ['a switch with a value', [...SITE, '--offline=yes'], /--offline takes no value/],
  ['--site without "="', ['--site', 'http://www.sfx.gov.cn/'], /名称=URL/],
  ['--site without a name', ['--site', ' =http://www.sfx.gov.cn/'], /with a name/],
  ['--site with an empty URL', ['--site', '县='], /not a URL/],
  ['--site with a non-URL', ['--site', '县=www.sfx.gov.cn'], /not a URL/],
  ['--site with ftp:', ['--site', '县=ftp://www.sfx.gov.cn/'], /only http/],
  ['--site with javascript:', ['--site', '县=javascript:alert(1)'], /only http/],
  ['--site with file:', ['--site', '县=file:///etc/passwd'], /only http/],
  [
    'the same site twice',
    ['--site', '甲=http://www.sfx.gov.cn', '--site', '乙=http://www.sfx.gov.cn/'],
    /given twice/,
  ],
  ['--sites file missing', ['--sites', missing], /file not found/],
  ['--sites not a spreadsheet', ['--sites', txt], /\.xlsx or \.csv/],
  ['--as-of not a date', [...SITE, '--as-of', '20261120'], /YYYY-MM-DD/],
  ['--as-of an impossible date', [...SITE, '--as-of', '2026-02-30'], /YYYY-MM-DD/],
  ['--rules with a path-like id', [...SITE, '--rules', '../etc/passwd'], /pack id/],
  ['--rules file missing', [...SITE, '--rules', path.join(dir, 'nope.json')], /file not found/],
  ['--max-pages zero', [...SITE, '--max-pages', '0'], /--max-pages must be between 1/],
  ['--max-pages negative', [...SITE, '--max-pages', '-1'], /--max-pages must be a whole number/],
  ['--max-pages fractional', [...SITE, '--max-pages', '1.5'], /whole number/],
  ['--max-depth beyond its bound', [...SITE, '--max-depth', '51'], /--max-depth must be between 0 and 50/],
  ['--concurrency words', [...SITE, '--concurrency', 'four'], /whole number/],
  ['--per-host zero', [...SITE, '--per-host', '0'], /--per-host must be between 1/],
  ['--workers zero', [...SITE, '--workers', '0'], /--workers must be between 1/],
  ['--workers words', [...SITE, '--workers', 'two'], /whole number/],
  ['--probes too many', [...SITE, '--probes', '1001'], /--probes must be between 0 and 1000/],
  ['--probe-timeout zero', [...SITE, '--probe-timeout', '0'], /--probe-timeout must be between/],
  ['--probe-interval not a number', [...SITE, '--probe-interval', 'soon'], /must be a number/],
  ['--page-timeout NaN', [...SITE, '--page-timeout', 'NaN'], /must be a number/],
  ['--link-timeout Infinity', [...SITE, '--link-timeout', 'Infinity'], /must be a number/],
  ['--map-host without "="', [...SITE, '--map-host', 'www.sfx.gov.cn'], /HOST=IP:PORT/],
  ['--map-host to a name', [...SITE, '--map-host', 'www.sfx.gov.cn=localhost:80'], /IP or IP:PORT/],
  ['--map-host port out of range', [...SITE, '--map-host', 'a.gov.cn=127.0.0.1:70000'], /port out of range/],
  ['--offline with --proxy', [...SITE, '--offline', '--proxy', 'http://10.0.0.1:8080'], /cannot be combined/],
  ['--proxy not a URL', [...SITE, '--proxy', '10.0.0.1'], /--proxy is not a URL/],
  ['--proxy socks', [...SITE, '--proxy', 'socks5://10.0.0.1:1080'], /http:\/\/ or https:\/\//],
  ['--ca-file missing', [...SITE, '--ca-file', missing], /--ca-file: file not found/],
  ['--leaders missing', [...SITE, '--leaders', missing], /--leaders: file not found/],
  ['--resume with --site', ['--resume', ...SITE], /--site cannot be combined with --resume/],
  ['--resume with a limit', ['--resume', 'RUN1', '--max-pages', '5'], /--max-pages cannot be combined/],
  ['--resume with --as-of', ['--resume', '--as-of', '2026-11-20'], /--as-of cannot be combined/],
  ['--resume with --map-host', ['--resume', '--map-host', 'a.gov.cn=127.0.0.1'], /--map-host cannot be/],
  ['monitor without --data', ['monitor'], /monitor needs --data/],
  ['monitor with an audit-only flag', ['monitor', '--data', dir, ...SITE], /unknown option --site/],
  ['monitor with --days 0', ['monitor', '--data', dir, '--days', '0'], /--days must be between/],
  ['monitor with --per-day 0', ['monitor', '--data', dir, '--per-day', '0'], /--per-day must be between 1/],
  [
    'monitor offline through a proxy',
    ['monitor', '--data', dir, '--offline', '--proxy', 'http://p:1'],
    /cannot/,
  ],
  ['verify without a target', ['verify'], /usage: verify/],
  ['verify with two targets', ['verify', dir, dir], /usage: verify/],
  ['verify a missing target', ['verify', missing], /verify: not found/],
  ['rescore without --run', ['rescore', '--data', dir, '--rules', 'census-2015'], /usage: rescore/],
  [
    'rescore with an unknown flag',
    ['rescore', '--data', dir, '--run', 'R', '--rules', 'x', '--as-of', 'y'],
    /unknown/,
  ],
  ['recheck without --run', ['recheck', '--data', dir], /usage: recheck/],
  ['recheck with a bad fingerprint', ['recheck', '--data', dir, '--run', 'R', '--problem', 'abc'], /64 hex/],
  [
    'recheck with an audit flag',
    ['recheck', '--data', dir, '--run', 'R', '--max-pages', '3'],
    /unknown option/,
  ],
  ['merge without a package', ['merge', '--data', dir], /usage: merge/],
  ['merge a missing package', ['merge', '--data', dir, missing], /merge: not found/],
  ['sites with a bad action', ['sites', 'delete', csv, '--data', dir], /usage: sites/],
  ['sites without --data', ['sites', 'export', csv], /usage: sites/],
  ['sites import of a missing file', ['sites', 'import', missing, '--data', dir], /file not found/],
];

describe('parseCliArgs rejects every invalid combination with one line', () => {
  it.each(INVALID)('%s', (_why, argv, says) => {
    let error: unknown;
    try {
      parseCliArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error, `accepted: ${argv.join(' ')}`).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message;
    expect(message).toMatch(says);
    expect(message).not.toContain('\n');
  });
});

describe('parseCliArgs accepts the valid forms', () => {
  it('an audit with every flag', () => {
    const args = parseCliArgs([
      ...SITE,
      '--sites',
      csv,
      '--data',
      dir,
      '--out',
      'out',
      '--rules',
      pack,
      '--as-of',
      '2024-02-29',
      '--max-pages=10',
      '--max-depth',
      '0',
      '--concurrency',
      '2',
      '--per-host',
      '1',
      '--workers',
      '3',
      '--probes',
      '0',
      '--probe-interval',
      '0.5',
      '--probe-timeout',
      '3',
      '--map-host',
      'www.sfx.gov.cn=127.0.0.1:8080',
      '--map-host',
      'v6.sfx.gov.cn=[::1]:8080',
      '--offline',
      '--quiet',
    ]) as AuditArgs;
    expect(args).toMatchObject({
      command: 'audit',
      sites: [{ name: '示范县人民政府', url: 'http://www.sfx.gov.cn/' }],
      sitesFile: csv,
      data: dir,
      out: 'out',
      asOf: '2024-02-29',
      maxPages: 10,
      maxDepth: 0,
      workers: 3,
      probes: 0,
      offline: true,
      quiet: true,
      mapHost: { 'www.sfx.gov.cn': '127.0.0.1:8080', 'v6.sfx.gov.cn': '[::1]:8080' },
    });
  });

  it('--resume alone, with a run id, and with where the workspace is', () => {
    expect(parseCliArgs(['--resume'])).toMatchObject({ resume: true });
    expect(parseCliArgs(['--resume', 'RUN1', '--data', dir, '--out', dir, '--quiet'])).toMatchObject({
      resume: 'RUN1',
      data: dir,
    });
  });

  it('recheck of a whole run, and of the problems named', () => {
    expect(parseCliArgs(['recheck', '--data', dir, '--run', 'R'])).toEqual({
      command: 'recheck',
      data: dir,
      run: 'R',
      problems: [],
      out: dir,
      quiet: false,
    });
    const fp = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    expect(
      parseCliArgs(['recheck', '--data', dir, '--run', 'R', '--problem', fp, '--problem', b, '--out', 'o']),
    ).toMatchObject({ problems: [fp, b], out: 'o' });
  });

  it('--out doubles as the workspace when --data is absent (design.md)', () => {
    expect(parseCliArgs([...SITE, '--out', 'x'])).toMatchObject({ data: 'x', out: 'x' });
  });
});

describe('the CLI on bad arguments', () => {
  const cases: [string[], RegExp][] = [
    [['--resume', ...SITE], /cannot be combined with --resume/],
    [[...SITE, '--offline', '--proxy', 'http://10.0.0.1:8080'], /cannot be combined/],
    [['verify'], /usage: verify/],
  ];
  it.each(cases)(
    'exits 2 with one line on stderr: %s',
    async (argv, says) => {
      const run = await spawnCli(argv).done;
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[0]).toMatch(says);
    },
    30_000,
  );
});

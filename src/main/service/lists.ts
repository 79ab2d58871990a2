// The lists a person keeps for the content checks (leader list, whitelists), the bundled lexicons they
// refine, and the raw probe log: read and written here for the settings and monitor screens. The
// leader list and whitelists are stored under the very settings keys the checks read (checkEnvironment).
import fs from 'node:fs';
import path from 'node:path';
import type {
  LeaderEntry,
  LeaderListView,
  LexiconFileView,
  ProbeLogEntry,
  WhitelistsView,
} from '../../shared/api.js';
import { AppError } from '../../shared/errors.js';
import { availabilityWindow } from '../checks/dates/availabilityWindow.js';
import { shanghaiToday } from '../checks/dates/civilDate.js';
import type { LeaderList, LexiconFileName } from '../checks/content/lexicon.js';
import { LEXICON_FILES, LexiconError, parseLeaderList } from '../checks/content/lexicon.js';
import {
  globalWhitelist,
  siteWhitelist,
  staticResources,
  workspaceLeaders,
} from '../resources/checkEnvironment.js';
import type { Workspace } from '../store/workspace.js';

const LEADERS_KEY = 'leaders';
const GLOBAL_WHITELIST_KEY = 'whitelist.global';
const siteWhitelistKey = (siteId: number) => `whitelist.site.${siteId}`;

/** A list edited in the app is versioned by the day it was saved, so reports say which one was used. */
const EDITED_SOURCE = '本机维护：在应用中编辑的领导名单';

export function leaderListView(ws: Workspace, resourcesDir: string): LeaderListView {
  const list = workspaceLeaders(ws, staticResources(resourcesDir).lexicons.leaders);
  return { ...list, stored: ws.settings.get<unknown>(LEADERS_KEY, null) !== null };
}

function storeLeaders(ws: Workspace, resourcesDir: string, raw: unknown): LeaderListView {
  let list: LeaderList;
  try {
    list = parseLeaderList(raw);
  } catch (error) {
    if (!(error instanceof LexiconError)) throw error;
    throw new AppError(
      'bad-input',
      error.message,
      '领导名单格式不正确：请使用本程序导出的领导名单文件格式，每人须有姓名（至少两个字）和职务，任职日期写作 2024-01-31 的形式。',
    );
  }
  for (const leader of list.leaders) {
    if (leader.validFrom && leader.validTo && leader.validFrom > leader.validTo)
      throw new AppError(
        'bad-input',
        `leader ${leader.name}: validFrom after validTo`,
        `“${leader.name}”的任职起始日期晚于结束日期，请更正。`,
      );
  }
  ws.settings.set(LEADERS_KEY, list);
  return leaderListView(ws, resourcesDir);
}

export function saveLeaders(ws: Workspace, resourcesDir: string, leaders: LeaderEntry[]): LeaderListView {
  return storeLeaders(ws, resourcesDir, {
    version: `local-${shanghaiToday()}`,
    source: EDITED_SOURCE,
    leaders,
  });
}

export function importLeaders(ws: Workspace, resourcesDir: string, file: string): LeaderListView {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError(
      'bad-input',
      `cannot read leader list ${file}: ${(error as Error).message}`,
      '无法读取该文件：请选择从本程序导出的领导名单 JSON 文件（UTF-8 编码）。',
    );
  }
  return storeLeaders(ws, resourcesDir, raw);
}

/** Writes the list in use in the bundled file's format, so another workstation can import it. */
export function exportLeaders(ws: Workspace, resourcesDir: string, file: string): { file: string } {
  const { version, source, leaders } = leaderListView(ws, resourcesDir);
  const target = path.resolve(file);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${JSON.stringify({ version, source, leaders }, null, 2)}\n`, 'utf8');
  } catch (error) {
    throw new AppError(
      'bad-input',
      `cannot write ${target}: ${(error as Error).message}`,
      '无法写入该文件：请换一个有写入权限的文件夹。',
    );
  }
  return { file: target };
}

export function whitelistsView(ws: Workspace): WhitelistsView {
  return {
    global: globalWhitelist(ws),
    sites: ws.sites
      .list()
      .map((site) => ({ siteId: site.id, name: site.name, terms: siteWhitelist(ws, site.id) })),
  };
}

/** Stores the terms trimmed, without blanks or repeats, in the order given. */
export function saveWhitelist(ws: Workspace, siteId: number | null, terms: string[]): WhitelistsView {
  if (siteId !== null && !ws.sites.get(siteId))
    throw new AppError('not-found', `site ${siteId} not found`, '台账中找不到该网站。');
  const clean = [...new Set(terms.map((t) => t.trim()).filter(Boolean))];
  ws.settings.set(siteId === null ? GLOBAL_WHITELIST_KEY : siteWhitelistKey(siteId), clean);
  return whitelistsView(ws);
}

/** How many entries a lexicon file holds, whatever its shape. */
function sizeOf(content: unknown): number | null {
  const c = content as Record<string, unknown>;
  for (const key of ['entries', 'leaders', 'terms', 'groups', 'elements', 'footerItems', 'titleWords']) {
    if (Array.isArray(c[key])) return c[key].length;
  }
  if (typeof c.chars === 'string') return c.chars.length;
  // The context model: the characters it judges.
  return c.candidates && typeof c.candidates === 'object' ? Object.keys(c.candidates).length : null;
}

export function lexiconFiles(resourcesDir: string): LexiconFileView[] {
  const { lexicons } = staticResources(resourcesDir);
  const contents: Record<LexiconFileName, unknown> = {
    severe: lexicons.severe,
    typo: lexicons.typo,
    'typo-context': lexicons.typoContext,
    prohibited: lexicons.prohibited,
    leaders: lexicons.leaders,
    'leader-context': lexicons.leaderContext,
    'similar-chars': lexicons.similarChars,
    'common-chars': lexicons.commonChars,
    whitelist: lexicons.whitelist,
    'guide-elements': lexicons.guideElements,
    'interaction-channels': lexicons.interactionChannels,
    identity: lexicons.identity,
  };
  return (Object.keys(LEXICON_FILES) as LexiconFileName[]).map((file) => ({
    file,
    version: lexicons.versions[file],
    source: (contents[file] as { source: string }).source,
    size: sizeOf(contents[file]),
  }));
}

/** The raw probes of a site over the last `days` days (Asia/Shanghai), newest first. */
export function probeLog(
  ws: Workspace,
  siteId: number,
  days: number,
  today = shanghaiToday(),
): ProbeLogEntry[] {
  const window = availabilityWindow(today, days);
  const rows = ws.db
    .prepare(
      `SELECT at, ok, latency_ms, status, error, local_network, run_id FROM probes
       WHERE site_id = ? AND at >= ? AND at < ? ORDER BY at DESC, id DESC`,
    )
    .all(siteId, window.fromIso, window.toIso) as {
    at: string;
    ok: number;
    latency_ms: number | null;
    status: number | null;
    error: string | null;
    local_network: number;
    run_id: string | null;
  }[];
  return rows.map((r) => ({
    at: r.at,
    ok: r.ok === 1,
    latencyMs: r.latency_ms,
    status: r.status,
    error: r.error,
    localNetwork: r.local_network === 1,
    runId: r.run_id,
  }));
}

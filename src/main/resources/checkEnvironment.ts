// Everything the checks and scoring read from data files and the workspace, loaded once and cached:
// lexicons, the column dictionary, the holiday calendar (bundled, with the years entered in the app over
// it), the leader list and whitelists.
import fs from 'node:fs';
import path from 'node:path';
import type { ColumnDictionary } from '../checks/columns/dictionary.js';
import { parseColumnDictionary } from '../checks/columns/dictionary.js';
import type { LeaderList, LexiconBundle } from '../checks/content/lexicon.js';
import { parseLeaderList } from '../checks/content/lexicon.js';
import { compileScanner, type TextScanner } from '../checks/content/scanner.js';
import { parseWorkCalendar, type WorkCalendar } from '../scoring/workCalendar.js';
import type { Workspace } from '../store/workspace.js';
import { loadLexicons } from './lexicons.js';

/** One year of a State Council holiday notice, as resources/calendar/cn-holidays.json holds it. */
export interface CalendarYear {
  notice: string;
  holidays: string[];
  workdays: string[];
}

export interface StaticResources {
  lexicons: LexiconBundle;
  columnDictionary: ColumnDictionary;
}

/** Settings key of the calendar years entered in the app; each replaces the bundled year it names. */
export const CALENDAR_KEY = 'calendar.years';

const staticCache = new Map<string, StaticResources>();
const calendarCache = new Map<string, Readonly<Record<string, CalendarYear>>>();
const scannerCache = new Map<string, TextScanner>();

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function staticResources(resourcesDir: string): StaticResources {
  let found = staticCache.get(resourcesDir);
  if (!found) {
    found = {
      lexicons: loadLexicons(path.join(resourcesDir, 'lexicon')),
      columnDictionary: parseColumnDictionary(
        readJson(path.join(resourcesDir, 'columns', 'categories.json')),
      ),
    };
    staticCache.set(resourcesDir, found);
  }
  return found;
}

/** resources/calendar/cn-holidays.json by year, validated once. */
export function bundledCalendarYears(resourcesDir: string): Readonly<Record<string, CalendarYear>> {
  let found = calendarCache.get(resourcesDir);
  if (!found) {
    const json = readJson(path.join(resourcesDir, 'calendar', 'cn-holidays.json'));
    parseWorkCalendar(json);
    const years = (json as { years: Record<string, CalendarYear> }).years;
    found = Object.fromEntries(
      Object.entries(years).map(([year, { notice, holidays, workdays }]) => [
        year,
        { notice, holidays, workdays },
      ]),
    );
    calendarCache.set(resourcesDir, found);
  }
  return found;
}

/** The years entered in the app (edited or imported), by year. */
export function workspaceCalendarYears(ws: Workspace): Record<string, CalendarYear> {
  return ws.settings.get<Record<string, CalendarYear>>(CALENDAR_KEY, {});
}

/** The calendar the scoring uses: the bundled notices with the years entered in the app over them. */
export function workspaceCalendar(ws: Workspace, resourcesDir: string): WorkCalendar {
  return parseWorkCalendar({
    years: { ...bundledCalendarYears(resourcesDir), ...workspaceCalendarYears(ws) },
  });
}

/** The leader list kept in the workspace (edited or imported in the app), else the bundled one. */
export function workspaceLeaders(ws: Workspace, bundled: LeaderList): LeaderList {
  const stored = ws.settings.get<unknown>('leaders', null);
  return stored ? parseLeaderList(stored) : bundled;
}

export function globalWhitelist(ws: Workspace): string[] {
  return ws.settings.get<string[]>('whitelist.global', []);
}

export function siteWhitelist(ws: Workspace, siteId: number): string[] {
  return ws.settings.get<string[]>(`whitelist.site.${siteId}`, []);
}

/** One compiled automaton per (lexicons, leaders, whitelist, as-of): shared by every site of a run. */
export function scannerFor(
  res: StaticResources,
  leaders: LeaderList,
  whitelist: string[],
  asOf: string,
): TextScanner {
  const key = JSON.stringify([leaders.leaders, whitelist, asOf, res.lexicons.versions]);
  let scanner = scannerCache.get(key);
  if (!scanner) {
    scanner = compileScanner(res.lexicons, { leaders: leaders.leaders, asOf, whitelist });
    scannerCache.set(key, scanner);
  }
  return scanner;
}

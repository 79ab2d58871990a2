// Reads resources/lexicon/*.json from disk; validation lives in checks/content/lexicon.ts (pure).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdentityRules, LexiconBundle, LexiconFileName, LeaderList } from '../checks/content/lexicon.js';
import {
  LEXICON_FILES,
  LexiconError,
  parseIdentityRules,
  parseLeaderList,
  parseLexiconBundle,
} from '../checks/content/lexicon.js';

function readJson(path: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new LexiconError(file, `cannot read ${path}: ${(error as Error).message}`);
  }
}

/** The lexicons of a resources folder's lexicon/ (resources/paths.ts finds the folder). */
export function loadLexicons(dir: string): LexiconBundle {
  const names = Object.keys(LEXICON_FILES) as LexiconFileName[];
  return parseLexiconBundle(
    Object.fromEntries(names.map((name) => [name, readJson(join(dir, `${name}.json`), name)])),
  );
}

/** lexicon/identity.json alone: 2 KB, where the whole bundle takes a second to load. */
export function loadIdentityRules(dir: string): IdentityRules {
  return parseIdentityRules(readJson(join(dir, 'identity.json'), 'identity'));
}

/** A leader list imported offline (same schema as resources/lexicon/leaders.json). */
export function loadLeaderList(path: string): LeaderList {
  return parseLeaderList(readJson(path, path));
}

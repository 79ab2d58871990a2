// Reads resources/lexicon/*.json from disk; validation lives in checks/content/lexicon.ts (pure).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LexiconBundle, LexiconFileName, LeaderList } from '../checks/content/lexicon.js';
import {
  LEXICON_FILES,
  LexiconError,
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

/** A leader list imported offline (same schema as resources/lexicon/leaders.json). */
export function loadLeaderList(path: string): LeaderList {
  return parseLeaderList(readJson(path, path));
}

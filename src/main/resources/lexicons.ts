// Reads resources/lexicon/*.json from disk; validation lives in checks/content/lexicon.ts (pure).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LexiconBundle, LexiconFileName, LeaderList } from '../checks/content/lexicon.js';
import {
  LEXICON_FILES,
  LexiconError,
  parseLeaderList,
  parseLexiconBundle,
} from '../checks/content/lexicon.js';

/** The repository's resources/lexicon (the packaged app passes its own resources path). */
export const DEFAULT_LEXICON_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'resources',
  'lexicon',
);

function readJson(path: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new LexiconError(file, `cannot read ${path}: ${(error as Error).message}`);
  }
}

export function loadLexicons(dir: string = DEFAULT_LEXICON_DIR): LexiconBundle {
  const names = Object.keys(LEXICON_FILES) as LexiconFileName[];
  return parseLexiconBundle(
    Object.fromEntries(names.map((name) => [name, readJson(join(dir, `${name}.json`), name)])),
  );
}

/** A leader list imported offline (same schema as resources/lexicon/leaders.json). */
export function loadLeaderList(path: string): LeaderList {
  return parseLeaderList(readJson(path, path));
}

import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { parseRulePack, type RulePack } from '../scoring/rulePack.js';

/** The packs shipped in resources/rules, by id. */
export function listRulePacks(resourcesDir: string): RulePack[] {
  const dir = path.join(resourcesDir, 'rules');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => loadRulePack(path.join(dir, f), resourcesDir));
}

/** Loads a pack by id (resources/rules/<id>.json) or from a path (a provincial variant); invalid packs are rejected. */
export function loadRulePack(idOrPath: string, resourcesDir: string): RulePack {
  const file = idOrPath.endsWith('.json') ? idOrPath : path.join(resourcesDir, 'rules', `${idOrPath}.json`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'bad-input',
      `cannot read rule pack ${file}: ${message}`,
      `无法读取评分规则包 ${file}：${message}`,
    );
  }
  try {
    return parseRulePack(json);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'bad-input',
      `invalid rule pack ${file}: ${message}`,
      `评分规则包 ${file} 无效：${message}`,
    );
  }
}

import fs from 'node:fs';
import { openWorkspaceDb } from '../store/database.js';
import { verifyWorkspace, type VerifyReport } from './verify.js';

/** `verify DIR|package.zip`: a workspace folder, or an evidence package unpacked safely into a temp folder. */
export async function verifyTarget(target: string): Promise<VerifyReport> {
  if (fs.statSync(target).isDirectory()) {
    const db = openWorkspaceDb(target, { readonly: true });
    try {
      return verifyWorkspace(target, db);
    } finally {
      db.close();
    }
  }
  const { verifyPackage } = await import('./verifyPackage.js');
  return verifyPackage(target);
}

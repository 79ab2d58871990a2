// All or nothing: a site list with any problem writes nothing and lists every problem; a clean one is
// written in one transaction, so a crash or a disk-full error never leaves half a ledger.
import type { ImportReport } from '../../shared/api.js';
import type { Workspace } from '../store/workspace.js';
import { readTable } from './readTable.js';
import { validateLedger } from './validate.js';

/**
 * Imports 政府网站基本信息表 (.xlsx or .csv) into the workspace's ledger: new home pages are added, known ones
 * updated (cells left empty keep the ledger's value). Throws AppError('bad-input') when the file as a whole
 * cannot be used (too big, not a spreadsheet, no ledger sheet).
 */
export async function importSites(ws: Workspace, file: string): Promise<ImportReport> {
  const table = await readTable(file);
  const { records, errors } = validateLedger(table, ws.sites.list());
  if (errors.length) return { imported: 0, siteIds: [], errors };
  const siteIds = ws.tx(() => records.map(({ record }) => ws.sites.upsert(record).id));
  return { imported: records.length, siteIds, errors: [] };
}

// The export call's choice of workbook sheets: offered from the report layout, checked against it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLayout } from '../../src/main/report/layout.js';
import { createEngineService, type EngineService } from '../../src/main/service/engineService.js';

let dir: string;
let service: EngineService;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-export-'));
  service = await createEngineService({ workspaceDir: dir, resourcesDir: path.resolve('resources') });
});
afterAll(async () => {
  await service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('workbook sheets in the export call', () => {
  it('offers the layout’s sheets in workbook order', async () => {
    const result = await service.dispatch('listReportSheets', {});
    expect(result).toEqual({ ok: true, value: defaultLayout().sheets.map((s) => s.name) });
    expect((result as { value: string[] }).value).toContain('问题清单（整改台账）');
  });

  it('refuses a sheet the layout does not have, and an empty choice, before writing anything', async () => {
    const outDir = path.join(dir, '导出');
    const unknown = await service.dispatch('exportReport', {
      runId: 'R1',
      outDir,
      sheets: ['扣分明细', '附表九'],
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'bad-input', userMessage: expect.stringContaining('没有工作表“附表九”') },
    });
    const none = await service.dispatch('exportReport', { runId: 'R1', outDir, sheets: [] });
    expect(none).toMatchObject({
      ok: false,
      error: { userMessage: expect.stringContaining('请至少选择一张工作表') },
    });
    expect(fs.existsSync(outDir)).toBe(false);
  });
});

// Engine services on throw-away workspaces for service tests: each call answers like the UI's typed contract
// (a failure is thrown as the AppError the UI would show), and everything is closed and removed after each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createEngineService, type EngineService } from '../../src/main/service/engineService.js';
import type { ApiInput, ApiMethod, ApiOutput } from '../../src/shared/api.js';
import { AppError } from '../../src/shared/errors.js';

export const RESOURCES = path.resolve('resources');

export function throwAwayEngines(prefix: string) {
  const dirs: string[] = [];
  const services: EngineService[] = [];
  afterEach(async () => {
    for (const s of services.splice(0)) await s.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return {
    tempDir(): string {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    async engine(dir: string) {
      const service = await createEngineService({ workspaceDir: dir, resourcesDir: RESOURCES });
      services.push(service);
      return async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> => {
        const result = await service.dispatch(method, input);
        if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.userMessage);
        return result.value as ApiOutput<M>;
      };
    },
  };
}

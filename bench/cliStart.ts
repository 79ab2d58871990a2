// CLI start to first request: from spawning `npm run audit`'s command line (node scripts/audit.mjs, which
// loads the CLI's bundle; it is built once before timing, as after any change of the sources) to the first
// request the fixture server receives from it. Target: under 2 s. The audit is stopped once the hit arrived.
//   npx tsx bench/cliStart.ts [--repeat N]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateBenchPortal } from '../tests/fixtures/portal/bench.js';
import { startFixtureServer } from '../tests/fixtures/server.js';
import { median } from './measure.js';

const HOST = 'start.bench.test';
const TARGET_MS = 2000;
const { values: args } = parseArgs({ options: { repeat: { type: 'string', default: '5' } } });

async function main(): Promise<void> {
  const { site } = generateBenchPortal({ pages: 5, linksPerPage: 3, brokenEvery: 0, host: HOST });
  const server = await startFixtureServer([site]);
  const times: number[] = [];
  // Brings the bundle up to date (an argument error exits right after the build), outside the timing.
  spawnSync(process.execPath, ['scripts/audit.mjs', '--build-only-warm-up'], { stdio: 'ignore' });
  try {
    for (let r = 0; r < Number(args.repeat); r++) {
      server.resetHits();
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
      const started = performance.now();
      const cli = spawn(
        process.execPath,
        [
          'scripts/audit.mjs',
          '--site',
          `基准=http://${HOST}/`,
          ...server.mapHostArgs(),
          '--offline',
          '--out',
          out,
          '--max-pages',
          '1',
          '--probes',
          '0',
          '--quiet',
        ],
        { stdio: 'ignore', detached: true },
      );
      const exited = new Promise((resolve) => cli.on('exit', resolve));
      while (server.hits() === 0 && cli.exitCode === null && performance.now() - started < 30_000)
        await new Promise((resolve) => setTimeout(resolve, 5));
      const ms = performance.now() - started;
      // The CLI and its browser form one process group: end it as a whole.
      process.kill(-cli.pid!, 'SIGKILL');
      await exited;
      fs.rmSync(out, { recursive: true, force: true });
      // A request of this start still on its way would count as the next start's first (one start timed 9 ms).
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (server.hits() === 0) throw new Error('the CLI sent no request within 30 s');
      times.push(ms);
    }
  } finally {
    await server.close();
  }
  const m = median(times);
  console.log(
    `cli start to first request: median ${m.toFixed(0)} ms over ${times.length} starts (${times.map((t) => t.toFixed(0)).join(', ')}); target < ${TARGET_MS} ms`,
  );
  console.log(`ratio cli-start (target ÷ measured): ${(TARGET_MS / m).toFixed(2)}`);
}

await main();

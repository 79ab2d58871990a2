// npm run demo: serves the generated demo county on 127.0.0.1 and audits it with the real CLI, offline,
// into ./demo-out. Nothing leaves this machine.
import fs from 'node:fs';
import path from 'node:path';
import { shanghaiToday } from '../src/main/checks/dates/civilDate.js';
import { parseCliArgs } from '../src/main/cli/args.js';
import { runCliCommand } from '../src/main/cli/commands.js';
import { createProgressReporter } from '../src/main/cli/progress.js';
import { resourcesDir } from '../src/main/resources/paths.js';
import { demoCounty } from '../tests/fixtures/portal/demo.js';
import { startFixtureServer } from '../tests/fixtures/server.js';

const outDir = path.resolve(process.argv[2] ?? 'demo-out');
const asOf = shanghaiToday();
const county = demoCounty(asOf);
const server = await startFixtureServer(county.sites);
// The county's leader list, as the office would import it (名称、职务、任期), for the leader-name check.
fs.mkdirSync(outDir, { recursive: true });
const leadersFile = path.join(outDir, 'leaders.json');
fs.writeFileSync(
  leadersFile,
  JSON.stringify({
    version: asOf,
    source: '示范县领导名单（演示用虚构人物）',
    leaders: county.manifest.leaders.map((l) => ({
      name: l.name,
      title: l.title,
      region: '示范县',
      validFrom: l.from,
      validTo: l.to,
    })),
  }),
);
process.stderr.write(
  `示范县网站已在 127.0.0.1:${server.port} 上启动（${county.sites.length} 个网站），开始离线检查……\n`,
);
try {
  const args = parseCliArgs([
    ...county.manifest.sites.flatMap((s) => ['--site', `${s.name}=${s.url}`]),
    ...server.mapHostArgs(),
    '--offline',
    '--leaders',
    leadersFile,
    '--out',
    outDir,
    '--as-of',
    asOf,
    '--max-pages',
    '150',
    '--page-timeout',
    '8',
    '--link-timeout',
    '3',
    '--probes',
    '3',
    '--probe-interval',
    '1',
    '--probe-timeout',
    '5',
  ]);
  const code = await runCliCommand(args, {
    resourcesDir: resourcesDir(),
    progress: createProgressReporter(process.stderr, false),
    log: (line) => process.stderr.write(`${line}\n`),
    out: (line) => process.stdout.write(`${line}\n`),
    cwd: process.cwd(),
  });
  process.exitCode = code;
} finally {
  await server.close();
}

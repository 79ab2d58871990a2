// `npm run audit`: runs the CLI from a bundle of src/ (out/cli/), rebuilt by esbuild whenever a source file
// is newer than it. Compiling ~150 TypeScript modules on every start (tsx) took 2–7 s before the first
// request; loading the bundle takes a fraction of a second, and a rebuild about as long again.
import fs from 'node:fs';
import process from 'node:process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out', 'cli');
/** Names the build in use: out/cli/<build>/cli.js. */
const CURRENT = path.join(OUT, 'current');
const SOURCES = [path.join(ROOT, 'src', 'main'), path.join(ROOT, 'src', 'shared'), path.join(ROOT, 'package.json')];
/** Builds older than this, other than the current one, are removed (a run may still be using one). */
const KEEP_OLD_BUILDS_MS = 24 * 3600_000;

function newestMtime(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** The current build's entry when no source is newer than it, else null. */
function freshEntry() {
  if (!fs.existsSync(CURRENT)) return null;
  const entry = path.join(OUT, fs.readFileSync(CURRENT, 'utf8').trim(), 'cli.js');
  if (!fs.existsSync(entry)) return null;
  const built = fs.statSync(entry).mtimeMs;
  return SOURCES.every((source) => newestMtime(source) <= built) ? entry : null;
}

/**
 * Builds into a folder of its own and then points `current` at it (written aside and renamed, so a CLI
 * starting meanwhile never reads half of it). Earlier builds stay: a running audit loads parts of its build
 * later (code splitting keeps the reports, ledger import, verify, merge and the checks out of every start),
 * so its folder must outlive a rebuild.
 */
async function build() {
  const { build: esbuild } = await import('esbuild');
  const name = `build-${Date.now()}-${process.pid}`;
  await esbuild({
    entryPoints: {
      cli: path.join(ROOT, 'src', 'main', 'cli.ts'),
      siteWorker: path.join(ROOT, 'src', 'main', 'audit', 'siteWorker.ts'),
    },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    outdir: path.join(OUT, name),
    logLevel: 'warning',
  });
  const pointer = `${CURRENT}.${process.pid}`;
  fs.writeFileSync(pointer, name);
  fs.renameSync(pointer, CURRENT);
  for (const old of fs.readdirSync(OUT)) {
    const dir = path.join(OUT, old);
    if (!old.startsWith('build-') || old === name) continue;
    if (Date.now() - fs.statSync(dir).mtimeMs > KEEP_OLD_BUILDS_MS) fs.rmSync(dir, { recursive: true, force: true });
  }
  return path.join(OUT, name, 'cli.js');
}

const entry = freshEntry() ?? (await build());
await import(pathToFileURL(entry).href);

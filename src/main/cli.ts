// The command line: the same engine as the desktop app, from a terminal (no Electron).
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { AppError } from '../shared/errors.js';
import { parseCliArgs, UsageError } from './cli/args.js';
import { createProgressReporter } from './cli/progress.js';
import { runCliCommand } from './cli/commands.js';
import { resourcesDir } from './resources/paths.js';
import { useSiteWorkerEntry } from './audit/siteWorkers.js';

// Bundled (out/cli/<build>/cli.js, scripts/audit.mjs), the site worker is built beside this file; run from
// source, siteWorkers finds its own TypeScript entry.
if (import.meta.url.endsWith('.js'))
  useSiteWorkerEntry(fileURLToPath(new URL('./siteWorker.js', import.meta.url)));

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const progress =
    args.command === 'audit' || args.command === 'recheck'
      ? createProgressReporter(process.stderr, args.quiet)
      : () => undefined;
  return runCliCommand(args, {
    resourcesDir: resourcesDir(),
    progress,
    log: (line) => process.stderr.write(`${line}\n`),
    out: (line) => process.stdout.write(`${line}\n`),
    cwd: path.resolve('.'),
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // English for logs; the UI shows AppError.userMessage instead.
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exitCode = error instanceof AppError && error.code === 'bad-input' ? 2 : 1;
  },
);

// Chromium must die with the process that launched it. Playwright closes the browser on a clean exit and on
// SIGINT/SIGTERM/SIGHUP, but nothing runs after SIGKILL (or a crash), and Chromium, launched in its own process
// group, would live on. On Linux the kernel can signal a child when its parent dies (PR_SET_PDEATHSIG); Node
// cannot set it, util-linux's `setpriv --pdeathsig KILL` can, and it survives the exec into the browser. So the
// browser is launched through a two-line wrapper that execs setpriv, which execs the browser with its arguments
// and the pipes Playwright talks over untouched. Chromium's own children exit when their browser process is gone.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SETPRIV_CANDIDATES = ['/usr/bin/setpriv', '/bin/setpriv'];
/** The wrapper reads the real browser from this variable, so one wrapper file serves every browser. */
export const PDEATHSIG_TARGET_ENV = 'AUDIT_PDEATHSIG_TARGET';

export interface WrappedLaunch {
  executablePath: string;
  env: Record<string, string>;
}

/**
 * The launch to use instead of `executablePath` so the browser is killed with this process, or null where that
 * is not available (not Linux, or no setpriv): the launch is then unchanged.
 */
export function withParentDeathSignal(executablePath: string): WrappedLaunch | null {
  if (process.platform !== 'linux') return null;
  const setpriv = SETPRIV_CANDIDATES.find((p) => fs.existsSync(p));
  if (!setpriv) return null;
  const script = `#!/bin/sh\nexec ${setpriv} --pdeathsig KILL -- "$${PDEATHSIG_TARGET_ENV}" "$@"\n`;
  const digest = crypto.createHash('sha256').update(script).digest('hex').slice(0, 12);
  const wrapper = path.join(os.tmpdir(), `audit-browser-pdeathsig-${digest}.sh`);
  if (!fs.existsSync(wrapper)) {
    // Written under a unique name then renamed: two runs starting together never see half a script.
    const partial = `${wrapper}.${process.pid}.tmp`;
    fs.writeFileSync(partial, script, { mode: 0o755 });
    fs.renameSync(partial, wrapper);
  }
  return { executablePath: wrapper, env: { [PDEATHSIG_TARGET_ENV]: executablePath } };
}

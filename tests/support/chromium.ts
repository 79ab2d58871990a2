// The Chromium that tests and benchmarks launch: Debian's, with the engine's own flags (browserArgs:
// no background networking, --no-sandbox only as root), plus whatever a test adds.
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { browserArgs } from '../../src/main/browser/launch.js';

export const TEST_CHROMIUM = '/usr/bin/chromium';

export function launchTestChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: TEST_CHROMIUM,
    args: [...browserArgs({ mapHost: {}, offline: false, proxy: null }), ...extraArgs],
  });
}

import type { Browser } from 'playwright-core';
import type { BrowserFound } from './discover.js';
import { withParentDeathSignal } from './parentDeath.js';

export interface BrowserNetwork {
  /** host → 'IP:PORT' or 'IP' (the CLI's --map-host). */
  mapHost: Record<string, string>;
  /** No name lookup at all: unmapped names and unmapped IP literals fail before any packet is sent. */
  offline: boolean;
  proxy: string | null;
}

// No --disable-features here: a second one would replace Playwright's own list (which keeps, among others,
// HTTPS upgrades off, so an http:// site is audited as http://).
const BASE_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--hide-scrollbars',
  '--mute-audio',
];

/**
 * Chromium's host-resolver rules implement --map-host and --offline in the browser, the same policy the
 * HTTP client applies: "MAP * ~NOTFOUND" makes every other name, and IP literals too, fail as unresolved.
 */
export function hostResolverRules(net: Pick<BrowserNetwork, 'mapHost' | 'offline'>): string | null {
  const rules = Object.entries(net.mapHost).map(([host, target]) => `MAP ${host} ${target}`);
  if (net.offline) {
    rules.push('MAP * ~NOTFOUND');
    const targets = new Set(Object.values(net.mapHost).map((t) => t.replace(/:\d+$/, '')));
    for (const ip of targets) rules.push(`EXCLUDE ${ip}`);
  }
  return rules.length ? rules.join(', ') : null;
}

/** Root cannot use Chromium's sandbox (containers, CI); a desktop user keeps it. */
export function needsNoSandbox(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function browserArgs(net: BrowserNetwork): string[] {
  const args = [...BASE_ARGS];
  if (needsNoSandbox()) args.push('--no-sandbox');
  const rules = hostResolverRules(net);
  if (rules) args.push(`--host-resolver-rules=${rules}`);
  return args;
}

/** Launches the audit browser; on Linux through the parent-death wrapper, so a killed run leaves no Chromium. */
export async function launchBrowser(found: BrowserFound, net: BrowserNetwork): Promise<Browser> {
  // Loaded here, not at start: importing Playwright takes about a second, which a command that never opens
  // a browser should not pay, and which an audit spends while its first requests are already under way.
  const { chromium } = await import('playwright-core');
  const wrapped = withParentDeathSignal(found.executablePath);
  return chromium.launch({
    executablePath: wrapped?.executablePath ?? found.executablePath,
    headless: true,
    args: browserArgs(net),
    env: { ...process.env, ...found.env, ...wrapped?.env } as Record<string, string>,
    proxy: net.proxy ? { server: net.proxy, bypass: '<-loopback>' } : undefined,
    handleSIGINT: true,
    handleSIGTERM: true,
    handleSIGHUP: true,
  });
}

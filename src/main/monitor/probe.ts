import type { Probe } from '../artifacts.js';
import { exchange } from '../net/exchange.js';
import type { HttpClient } from '../net/httpClient.js';

const MAX_REDIRECTS = 5;
const MAX_BODY = 20 * 1024 * 1024;

/**
 * The standard's availability test: the home page (after redirects) must answer below 400 with its whole
 * body within the timeout (15 s by default). Anything else is a failed probe.
 */
export async function probeOnce(client: HttpClient, siteUrl: string, timeoutMs: number): Promise<Probe> {
  const started = Date.now();
  const at = new Date(started).toISOString();
  const fail = (status: number | null, error: string): Probe => ({
    siteUrl,
    at,
    ok: false,
    latencyMs: null,
    status,
    error,
  });
  let url = siteUrl;
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const remaining = timeoutMs - (Date.now() - started);
      if (remaining <= 0) return fail(null, `no response within ${timeoutMs} ms`);
      const res = await exchange(url, 'GET', {
        dispatcher: client.dispatcher,
        userAgent: client.options.userAgent,
        timeoutMs: remaining,
        bodyLimit: () => MAX_BODY,
      });
      const location = res.headers['location'];
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url).href;
        continue;
      }
      if (res.status >= 400) return fail(res.status, `HTTP ${res.status}`);
      return { siteUrl, at, ok: true, latencyMs: Date.now() - started, status: res.status, error: null };
    }
    return fail(null, `more than ${MAX_REDIRECTS} redirects`);
  } catch (error) {
    return fail(null, error instanceof Error ? error.message : String(error));
  }
}

/** When every site of the ledger failed at the same moment, the workstation's own network is at fault. */
export function markLocalNetworkFailures(round: Probe[]): Probe[] {
  if (round.length < 2 || round.some((p) => p.ok)) return round;
  return round.map((p) => ({ ...p, localNetwork: true }));
}

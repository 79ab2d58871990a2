import { request } from 'undici';
import type { Probe } from '../artifacts.js';
import type { HttpClient } from '../net/httpClient.js';

/** The standard's availability test: the home page must load (status < 400, body read) within the timeout. */
export async function probeOnce(client: HttpClient, siteUrl: string, timeoutMs: number): Promise<Probe> {
  const started = Date.now();
  const at = new Date(started).toISOString();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await request(siteUrl, {
      method: 'GET',
      dispatcher: client.dispatcher,
      headers: { 'user-agent': client.options.userAgent, accept: 'text/html,*/*' },
      maxRedirections: 5,
      signal,
    } as Parameters<typeof request>[1]);
    await res.body.arrayBuffer();
    const latencyMs = Date.now() - started;
    const ok = res.statusCode < 400 && latencyMs < timeoutMs;
    return { siteUrl, at, ok, latencyMs, status: res.statusCode, error: ok ? null : `HTTP ${res.statusCode}` };
  } catch (error) {
    const message = signal.aborted ? `no response within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return { siteUrl, at, ok: false, latencyMs: null, status: null, error: message };
  }
}

/** When every site of the ledger failed at the same moment, the workstation's own network is at fault. */
export function markLocalNetworkFailures(round: Probe[]): Probe[] {
  if (round.length < 2 || round.some((p) => p.ok)) return round;
  return round.map((p) => ({ ...p, localNetwork: true }));
}

// The site queue of the worker lanes: ledger order, but never two lanes on one host at once (each lane paces
// its own requests, so two would double the host's --per-host budget).
import { describe, expect, it } from 'vitest';
import { SiteQueue } from '../../src/main/audit/siteQueue.js';

const running = () => false;

/** Whether `promise` has settled once pending callbacks and timers of this turn have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 10));
  return done;
}

describe('SiteQueue', () => {
  it('hands out sites in ledger order while their hosts differ', async () => {
    const queue = new SiteQueue([
      { siteId: 1, host: 'a.gov.cn' },
      { siteId: 2, host: 'b.gov.cn' },
      { siteId: 3, host: 'c.gov.cn' },
    ]);
    const taken = [await queue.take(running), await queue.take(running), await queue.take(running)];
    expect(taken.map((t) => t?.siteId)).toEqual([1, 2, 3]);
    expect(await queue.take(running)).toBeNull();
  });

  it('holds a site while another lane audits its host, and hands out later sites meanwhile', async () => {
    const queue = new SiteQueue([
      { siteId: 1, host: 'www.sfx.gov.cn' },
      { siteId: 2, host: 'www.sfx.gov.cn' },
      { siteId: 3, host: 'jyj.sfx.gov.cn' },
    ]);
    const first = await queue.take(running);
    const second = await queue.take(running);
    expect([first?.siteId, second?.siteId]).toEqual([1, 3]);
    const third = queue.take(running);
    expect(await settled(third)).toBe(false);
    second!.release();
    expect(await settled(third)).toBe(false);
    first!.release();
    expect((await third)?.siteId).toBe(2);
  });

  it('ends a waiting lane once the run is stopped and the host it waited for is freed', async () => {
    let stopped = false;
    const queue = new SiteQueue([
      { siteId: 1, host: 'www.sfx.gov.cn' },
      { siteId: 2, host: 'www.sfx.gov.cn' },
    ]);
    const first = await queue.take(() => stopped);
    const waiting = queue.take(() => stopped);
    stopped = true;
    first!.release();
    expect(await waiting).toBeNull();
  });
});

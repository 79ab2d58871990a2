// Link checks waiting per host: a window of started checks per host, the rest waiting as URLs in order,
// other hosts never held up by a busy one, and an end that waits for both.
import { describe, expect, it } from 'vitest';
import { HostQueues } from '../../src/main/crawl/hostQueues.js';

/** A start function whose checks finish only when the test says so. */
function controlledStarts() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const start = (key: string): Promise<void> => {
    started.push(key);
    return new Promise((resolve) => finishers.set(key, resolve));
  };
  const finish = async (key: string): Promise<void> => {
    finishers.get(key)!();
    // Let the queue's settle callback run.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, start, finish };
}

describe('HostQueues', () => {
  it('starts at most the window per host, in order, and the next as each finishes', async () => {
    const { started, start, finish } = controlledStarts();
    const queues = new HostQueues(2, start);
    for (let i = 0; i < 5; i++) queues.push('a.gov.cn', `a${i}`);
    expect(started).toEqual(['a0', 'a1']);
    expect(queues.has('a2')).toBe(true);
    expect(queues.has('a0')).toBe(false);
    await finish('a1');
    expect(started).toEqual(['a0', 'a1', 'a2']);
    expect(queues.has('a2')).toBe(false);
  });

  it('a host at its window does not hold up another host', () => {
    const { started, start } = controlledStarts();
    const queues = new HostQueues(1, start);
    queues.push('slow.gov.cn', 's0');
    queues.push('slow.gov.cn', 's1');
    queues.push('fast.gov.cn', 'f0');
    expect(started).toEqual(['s0', 'f0']);
  });

  it('is drained only when nothing waits and nothing started still runs', async () => {
    const { start, finish } = controlledStarts();
    const queues = new HostQueues(1, start);
    expect(queues.idle).toBe(true);
    queues.push('a.gov.cn', 'a0');
    queues.push('a.gov.cn', 'a1');
    let drained = false;
    void queues.drained().then(() => (drained = true));
    await finish('a0');
    expect(drained).toBe(false);
    await finish('a1');
    expect(drained).toBe(true);
    expect(queues.idle).toBe(true);
  });
});

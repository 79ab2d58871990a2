// How many sites a run audits at once, and each lane's share of the pages in flight (design.md: --concurrency
// is pages in flight overall).
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { laneConcurrency, siteLanes } from '../../src/main/audit/siteWorkers.js';

describe('site lanes', () => {
  it('take --workers when given, one per core otherwise', () => {
    expect(siteLanes(3, 10, 8)).toBe(3);
    expect(siteLanes(null, 100, 100)).toBe(os.availableParallelism());
    expect(siteLanes(undefined, 100, 100)).toBe(os.availableParallelism());
  });

  it('are never more than the sites, nor than the pages in flight overall', () => {
    expect(siteLanes(8, 3, 16)).toBe(3);
    expect(siteLanes(8, 10, 2)).toBe(2);
    expect(siteLanes(4, 10, 1)).toBe(1);
    expect(siteLanes(4, 0, 4)).toBe(1);
  });

  it('share --concurrency so the run never has more pages in flight than it says', () => {
    expect(laneConcurrency(4, 2)).toBe(2);
    expect(laneConcurrency(4, 3)).toBe(1);
    expect(laneConcurrency(9, 2)).toBe(4);
    expect(laneConcurrency(1, 1)).toBe(1);
  });
});

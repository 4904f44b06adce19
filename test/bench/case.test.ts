/** bench/case.ts, run as the bench runs it: one case in its own process. */
import { describe, expect, it } from 'vitest';
import { runCase } from '../../bench/speedup.js';

describe('a benchmark case', () => {
  it('counts the naive interleavings within its context bound, and keeps the search\'s peak memory apart from the count\'s', async () => {
    const f = await runCase({ name: 'tiny', depth: 2, goroutines: 2, keys: 2, config: 'small', preemptions: 1, countNaive: true });
    // What the tree walk of test/checker/explore/count.test.ts finds for the same bound.
    expect(f.naiveInterleavings).toBe('1026');
    expect(f.countSeconds).toBeGreaterThanOrEqual(0);
    expect(f.peakRssMiB).toBeGreaterThan(0);
    expect(f.countPeakRssMiB).toBeGreaterThanOrEqual(f.peakRssMiB);
  }, 60_000);

  it('leaves the count out unless asked', async () => {
    const f = await runCase({ name: 'tiny', depth: 1, goroutines: 2, keys: 1, config: 'small', countNaive: false });
    expect(f.naiveInterleavings).toBeUndefined();
    expect(f.countPeakRssMiB).toBeUndefined();
  }, 60_000);
});

/** Sampled schedules of the guarded maps, on real workers (split from sample.test.ts to keep each file short). */
import { describe, expect, it } from 'vitest';
import { conformSamples } from '../../../checker/conformance/sample-run.js';
import { CONFIGS, DEFAULT_CONFIG } from '../../../spec/config.js';

describe('conformSamples on the guarded maps', () => {
  it('runs 5 schedules of each guarded map, and every one conforms', async () => {
    const spec = { n: 5, seed: 1, depth: 4, goroutines: 2, keys: 2, config: CONFIGS[DEFAULT_CONFIG]! };
    const r = await conformSamples(['mutex-map', 'rwmutex-map', 'sharded-map'], spec);
    expect(r.lines).toEqual([
      'mutex-map: 5 sampled schedules of depth ≤ 4 (seed 1): all conform',
      'rwmutex-map: 5 sampled schedules of depth ≤ 4 (seed 1): all conform',
      'sharded-map: 5 sampled schedules of depth ≤ 4 (seed 1): all conform',
    ]);
    expect(r.code).toBe(0);
  });
});

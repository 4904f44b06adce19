/** Sampled schedules of the plain map and sync.Map, on real workers. */
import { describe, expect, it } from 'vitest';
import { conformSamples } from '../../../checker/conformance/sample-run.js';
import { CONFIGS, DEFAULT_CONFIG } from '../../../spec/config.js';

const SPEC = { n: 5, seed: 1, depth: 4, goroutines: 2, keys: 2, config: CONFIGS[DEFAULT_CONFIG]! };

describe('conformSamples on the plain map and sync.Map', () => {
  it('runs each schedule of the plain map and sync.Map, and sums up each target in one line', async () => {
    const seen: string[] = [];
    const r = await conformSamples(['hmap', 'syncmap'], SPEC, {}, (l) => seen.push(l));
    expect(r.lines).toEqual([
      'hmap: 5 sampled schedules of depth ≤ 4 (seed 1): all conform',
      'syncmap: 5 sampled schedules of depth ≤ 4 (seed 1): all conform',
    ]);
    expect(seen).toEqual(r.lines);
    expect(r).toMatchObject({ code: 0, diverged: [{ target: 'hmap', count: 0 }, { target: 'syncmap', count: 0 }] });
  });

});

import { describe, expect, it } from 'vitest';
import { MIXES, pickOp } from '../../../impl/bench/mixes.js';
import { Rng } from '../../../impl/stress/mix.js';

describe('op mixes', () => {
  it('draw each operation about as often as the mix says', () => {
    for (const mix of MIXES) {
      const rng = new Rng(12345);
      const seen = { access: 0, assign: 0, delete: 0 };
      for (let i = 0; i < 20_000; i++) seen[pickOp(mix, rng.next())]++;
      expect(seen.access / 200).toBeCloseTo(mix.access, -0.5);
      expect(seen.assign / 200).toBeCloseTo(mix.assign, -0.5);
      expect(seen.delete / 200).toBeCloseTo(100 - mix.access - mix.assign, -0.5);
    }
  });

  it('are the same sequence for the same seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
  });
});

/**
 * The two trace counters agree where both run, the Foata form is what makes two executions one
 * trace, and the stateless DPOR explores exactly one execution per trace on two goroutines.
 */
import { describe, expect, it } from 'vitest';
import { flagProtocolTarget } from '../../../bench/spin/target.js';
import { exploreDpor } from '../../../checker/explore/dpor.js';
import type { Footprint } from '../../../checker/explore/footprint.js';
import { ALL_REDUCTIONS } from '../../../checker/explore/node.js';
import { countTraces, countTracesBySleepSets, foata } from '../../../checker/explore/traces.js';
import { SMALL } from '../../../spec/config.js';

const f = (reads: string[], writes: string[]): Footprint => ({ reads, writes, all: false });

describe('foata', () => {
  it('gives independent steps in either order one form, and dependent ones two', () => {
    const a = { g: 0, id: 'a', footprint: f(['x'], []) };
    const b = { g: 1, id: 'b', footprint: f(['y'], ['y']) };
    const c = { g: 1, id: 'c', footprint: f([], ['x']) };
    expect(foata([a, b])).toBe(foata([b, a]));
    expect(foata([a, c])).not.toBe(foata([c, a]));
    // One goroutine's steps stay in order.
    expect(foata([b, { ...c, g: 1, footprint: f(['z'], []) }])).not.toBe(foata([{ ...c, g: 1, footprint: f(['z'], []) }, b]));
  });
});

describe('counting traces', () => {
  it.each([
    ['2 goroutines × 1 write', flagProtocolTarget(1), { depth: 2, goroutines: 2, keys: 1 }],
    ['every split of 2 writes', flagProtocolTarget(), { depth: 2, goroutines: 2, keys: 1 }],
    ['1 goroutine × 2 writes', flagProtocolTarget(2), { depth: 2, goroutines: 1, keys: 1 }],
  ] as const)('%s: by sleep sets as by brute force', (_name, target, b) => {
    const brute = countTraces(target, SMALL, b);
    expect(countTracesBySleepSets(target, SMALL, b)).toBe(brute.traces);
    expect(brute.traces).toBeLessThanOrEqual(brute.executions);
  });

  it('a goroutine alone has one trace, and two racing goroutines have many fewer traces than interleavings', () => {
    expect(countTraces(flagProtocolTarget(2), SMALL, { depth: 2, goroutines: 1, keys: 1 }).traces).toBe(1);
    const two = countTraces(flagProtocolTarget(1), SMALL, { depth: 2, goroutines: 2, keys: 1 });
    expect(two.traces).toBeGreaterThan(1);
    expect(two.traces * 10).toBeLessThan(two.executions);
  });

  it('refuses a bound past its limit instead of running for hours', () => {
    expect(() => countTraces(flagProtocolTarget(1), SMALL, { depth: 2, goroutines: 2, keys: 1 }, 100)).toThrow(/more than 100 interleavings/);
  });
});

describe('the stateless DPOR', () => {
  it.each([[1], [2]])('explores one execution per trace on 2 goroutines × %i writes', (writes) => {
    const target = flagProtocolTarget(writes);
    const b = { depth: 2 * writes, goroutines: 2, keys: 1 };
    const d = exploreDpor(target, { ...b, cfg: SMALL }, { ...ALL_REDUCTIONS, dpor: true }, { stateless: true });
    expect(d.maximal).toBe(countTracesBySleepSets(target, SMALL, b));
    expect(d.blocked).toBe(0);
  });
});

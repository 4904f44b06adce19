/** The final comparison names the first part that differs, in the order a person cares about. */
import { describe, expect, it } from 'vitest';
import { finalDifference } from '../../../checker/conformance/final.js';
import { SMALL } from '../../../spec/config.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import type { Hmap } from '../../../spec/hmap/state.js';
import { runProgram } from '../../spec/run.js';

const spec: Hmap = runProgram(hmapTarget(SMALL), SMALL, [
  { kind: 'assign', key: 0, value: 1 }, { kind: 'assign', key: 2, value: 2 },
]).state.h;

function withCell(h: Hmap, id: number, change: Partial<Hmap['heap'][number]>): Hmap {
  return { ...h, heap: h.heap.map((b, i) => (i === id ? { ...b, ...change } : b)) };
}

describe('finalDifference', () => {
  it('finds none between equal maps', () => {
    expect(finalDifference(spec, structuredClone(spec))).toBeUndefined();
  });

  it('names B, count and flags first', () => {
    expect(finalDifference(spec, { ...spec, count: 5, B: 7 })).toEqual({ part: 'B', expected: String(spec.B), actual: '7' });
    expect(finalDifference(spec, { ...spec, count: 5 })).toEqual({ part: 'count', expected: '2', actual: '5' });
    expect(finalDifference(spec, { ...spec, flags: 4 })).toMatchObject({ part: 'flags', actual: '4' });
  });

  it('then the live pairs, then any other memory', () => {
    const live = spec.heap.findIndex((b) => b.elems[0] === 2);
    expect(finalDifference(spec, withCell(spec, live, { elems: [9] }))).toEqual({ part: 'contents', expected: 'map[k0:v1 k2:v2]', actual: 'map[k0:v1 k2:v9]' });
    // A dead cell (an old bucket's leftover) is not contents, but it is memory.
    const dead = spec.heap.findIndex((b) => b.tophash[0] === 0);
    expect(finalDifference(spec, withCell(spec, dead, { elems: [9] }))).toMatchObject({ part: 'memory', actual: expect.stringMatching(new RegExp(`^b${dead} `)) });
  });
});

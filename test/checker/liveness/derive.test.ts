/**
 * The liveness tool's two halves: watching points (what they read before writing, what they
 * always write, where they go) and the least fixpoint that turns that into live locals.
 */
import { describe, expect, it } from 'vitest';
import { liveLocalsOf, type Observations, observingFunctions, type PointUse } from '../../../checker/liveness/derive.js';
import { SMALL } from '../../../spec/config.js';
import { HMAP_FUNCTIONS } from '../../../spec/hmap/functions.js';
import { hmapTarget } from '../../../spec/hmap/target.js';

const use = (reads: string[], writesAlways: string[], next: string[]): PointUse => ({ reads: new Set(reads), writesAlways: new Set(writesAlways), next: new Set(next) });

describe('liveLocalsOf', () => {
  it('carries a local back to its last write, around a loop and not past the write', () => {
    // a writes i, then b reads i and x and goes on to itself (a loop) or to c; c reads y.
    const seen: Observations = new Map([['f', new Map([
      ['a', use(['x'], ['i'], ['b'])],
      ['b', use(['i', 'x'], ['i'], ['b', 'c'])],
      ['c', use(['y'], [], [])],
    ])]]);
    const live = liveLocalsOf(seen).get('f')!;
    expect([...live.get('c')!].sort()).toEqual(['y']);
    expect([...live.get('b')!].sort()).toEqual(['i', 'x', 'y']);
    // a writes i before anything reads it, so i is dead at a's entry.
    expect([...live.get('a')!].sort()).toEqual(['x', 'y']);
  });

  it('keeps a local written on only some runs of a point live through it', () => {
    const seen: Observations = new Map([['f', new Map([
      ['a', use([], [], ['b'])], // wrote v on some run, not on every run
      ['b', use(['v'], [], [])],
    ])]]);
    expect([...liveLocalsOf(seen).get('f')!.get('a')!]).toEqual(['v']);
  });
});

describe('observingFunctions', () => {
  it('records what mapassign reads, always writes and where it goes, keeping every local', () => {
    const seen: Observations = new Map();
    const fns = observingFunctions(HMAP_FUNCTIONS, seen);
    expect(Object.values(fns).every((f) => f.live === undefined)).toBe(true);
    const t = hmapTarget(SMALL, fns);
    let s = t.start(t.init(SMALL, 1), 0, { kind: 'assign', key: 0, value: 1 }, 0);
    while (!t.idle(s, 0)) s = t.step(s, 0).state;
    const load = seen.get('mapassign')!.get('toggleLoad')!;
    expect([...load.writesAlways!]).toEqual(['flags']);
    expect([...load.next]).toEqual(['toggleStore']);
    expect([...seen.get('mapassign')!.get('toggleStore')!.reads]).toEqual(['flags']);
    // Nothing was dropped while watching: the store still had the flags the load left.
    expect(seen.get('mapassign')!.get('storeValue')!.reads.has('value')).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractViolation, snapshotViolation, watchCovers, watchKey, watchStart, watchStep } from '../../../checker/verify/range-rule.js';
import { modelStep, type MapModelState } from '../../../spec/model.js';
import type { Op } from '../../../spec/types.js';
import { clear, del, load, loadOrStore, range, store } from './helpers.js';

/** The watch of a Range called on `start` after `ops` ran inside its interval. */
function watched(start: MapModelState, ops: Op[]) {
  let w = watchStart(start);
  let s = start;
  for (const op of ops) {
    const next = modelStep(s, op).state;
    w = watchStep(w, op, s, next);
    s = next;
  }
  return w;
}

describe('the watch', () => {
  it('holds each key\'s value at the call, then every value written since, sorted', () => {
    expect(watched([5, 0], [store(0, 3), del(0), store(1, 4)])).toEqual({ held: [[0, 3, 5], [0, 4]], written: [] });
  });

  it('marks a present key written by a Store as touched', () => {
    expect(watched([5, 6], [store(0, 3)])).toEqual({ held: [[3, 5], [6]], written: [0] });
  });

  it('drops the mark once the key has been absent (clause c no longer applies to it)', () => {
    expect(watched([5, 6], [store(0, 3), del(0)]).written).toEqual([]);
  });

  it('reads, and a LoadOrStore that loaded, touch nothing', () => {
    const w = watchStart([5, 0]);
    expect(watched([5, 0], [load(0), loadOrStore(0, 9), { kind: 'len' }, range()])).toEqual(w);
  });

  it('is its rule stated directly: every value held, sorted and distinct; written keys never absent since, sorted', () => {
    const op = (keys: number) => fc.oneof(
      fc.record({ k: fc.nat(keys - 1), v: fc.integer({ min: 1, max: 4 }) }).map(({ k, v }) => store(k, v)),
      fc.nat(keys - 1).map((k) => del(k)),
      fc.record({ k: fc.nat(keys - 1), v: fc.integer({ min: 1, max: 4 }) }).map(({ k, v }) => loadOrStore(k, v)),
      fc.nat(keys - 1).map((k) => load(k)),
      fc.constant(clear),
    );
    const run = fc.integer({ min: 1, max: 3 }).chain((keys) => fc.record({
      start: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: keys, maxLength: keys }),
      ops: fc.array(op(keys), { maxLength: 8 }),
    }));
    fc.assert(fc.property(run, ({ start, ops }) => {
      // Each key's values over the interval, and whether it was written, tracked naively.
      const seen = start.map((v) => new Set([v]));
      const wrote = new Set<number>();
      let s: MapModelState = start;
      for (const o of ops) {
        const next = modelStep(s, o).state;
        next.forEach((v, k) => seen[k]!.add(v));
        if (o.kind === 'clear') start.forEach((_, k) => wrote.add(k));
        else if ('key' in o && o.kind !== 'access' && (o.kind !== 'loadOrStore' || s[o.key] === 0)) wrote.add(o.key);
        s = next;
      }
      const held = seen.map((vs) => [...vs].sort((a, b) => a - b));
      const written = [...wrote].filter((k) => !held[k]!.includes(0)).sort((a, b) => a - b);
      expect(watched(start, ops)).toEqual({ held, written });
    }), { numRuns: 2000 });
  });

  it('clear writes every key', () => {
    expect(watched([5, 6], [clear])).toEqual({ held: [[0, 5], [0, 6]], written: [] });
  });

  it('encodes values through the namer given, sorted by their new names', () => {
    const names = new Map([[5, 2], [3, 1]]);
    expect(watchKey(watched([5, 6], [store(0, 3)]), (v) => names.get(v) ?? v)).toBe('1.2|6*0');
  });
});

describe('one watch covering another', () => {
  it('holds when its values include the other\'s and it exempts every key the other exempts', () => {
    const before = watched([5, 6], []);
    const after = watched([5, 6], [store(0, 3)]);
    expect(watchCovers(after, before)).toBe(true);
    expect(watchCovers(before, after)).toBe(false);
    expect(watchCovers(before, before)).toBe(true);
  });

  it('counts a key that was absent as exempt, like a written one', () => {
    const deleted = watched([5], [del(0), store(0, 5)]); // held {0, 5}: exempt via absent
    const written = { held: [[5]], written: [0] }; // same value stored again: exempt via the write
    expect(watchCovers(deleted, written)).toBe(true);
    expect(watchCovers(written, deleted)).toBe(false); // it never held absent
  });
});

describe('the contract rule on one watch', () => {
  const w = watched([5, 6, 0], [store(1, 7)]);
  it.each([
    [[[0, 5], [1, 6]], undefined],
    [[[0, 5], [1, 7]], undefined],
    [[[0, 5]], undefined], // k1 was touched
    [[[1, 6]], '(c) it skips k0, present (v5) and untouched throughout the Range'],
    [[[0, 5], [0, 5]], '(a) it visits k0 twice'],
    [[[0, 5], [2, 0]], '(b) it visits k2:v0, a value k2 never held during the Range'],
    [[[0, 5], [1, 8]], '(b) it visits k1:v8, a value k1 never held during the Range'],
  ] as Array<[Array<[number, number]>, string | undefined]>)('%j: %s', (pairs, why) => {
    expect(contractViolation(w, { kind: 'range' }, pairs)).toBe(why);
  });

  it('a callback that stops may skip every other key, after exactly one pair', () => {
    expect(contractViolation(w, { kind: 'range', body: 'stop' }, [[1, 7]])).toBeUndefined();
    expect(contractViolation(w, { kind: 'range', body: 'stop' }, [])).toMatch(/^\(c\)/);
    expect(contractViolation(w, { kind: 'range', body: 'stop' }, [[1, 7], [0, 5]])).toMatch(/^\(d\)/);
  });
});

describe('the snapshot rule', () => {
  const live: Array<[number, number]> = [[0, 5], [1, 6]];
  it('wants exactly the live pairs, in any order', () => {
    expect(snapshotViolation(live, { kind: 'range' }, [[1, 6], [0, 5]])).toBeUndefined();
    expect(snapshotViolation(live, { kind: 'range' }, [[0, 5]])).toBe('it visits [0:5], but the map held [0:5,1:6]');
  });

  it('wants one live pair from a callback that stops', () => {
    expect(snapshotViolation(live, { kind: 'range', body: 'stop' }, [[1, 6]])).toBeUndefined();
    expect(snapshotViolation(live, { kind: 'range', body: 'stop' }, [[1, 7]])).toMatch(/did not hold/);
    expect(snapshotViolation(live, { kind: 'range', body: 'stop' }, [])).toMatch(/visits nothing/);
    expect(snapshotViolation([], { kind: 'range', body: 'stop' }, [])).toBeUndefined();
  });
});

/**
 * The arena hash table behind read.m and dirty, against a JavaScript Map: lookups, len, pairs in
 * key order, through growth, deletes (tombstones) and slot reuse, for any int32 key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyncArenaFullError } from '../../../impl/syncmap/errors.js';
import { NIL, SyncMemory } from '../../../impl/syncmap/memory.js';
import { makeTable, tableDelete, tableLen, tableLookup, tablePairs, tableSet } from '../../../impl/syncmap/table.js';

const memory = (arenaWords: number): SyncMemory =>
  new SyncMemory(new SharedArrayBuffer(SyncMemory.byteLength(arenaWords)), { arenaWords, lockTimeoutMs: 1000 });

/** Few distinct keys in a program (so deletes hit), some of them int32's extremes. */
const keyArb = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.constantFrom(-(2 ** 31), 2 ** 31 - 1, 8, 16));
const stepArb = fc.tuple(fc.constantFrom('set', 'set', 'delete'), keyArb);

describe('the arena table', () => {
  it('behaves as a map through growth and deletes (300 random programs)', () => {
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 200 }), (steps) => {
      const mem = memory(1 << 16);
      let t = makeTable(mem, 0);
      const ref = new Map<number, number>();
      for (const [i, [what, key]] of steps.entries()) {
        if (what === 'set') {
          // Entries are arena addresses, never 0 or negative: any positive number stands for one.
          t = tableSet(mem, t, key, 100 + i);
          ref.set(key, 100 + i);
        } else {
          tableDelete(mem, t, key);
          ref.delete(key);
        }
        expect(tableLen(mem, t)).toBe(ref.size);
        expect(tableLookup(mem, t, key)).toBe(ref.get(key) ?? NIL);
      }
      expect(tablePairs(mem, t)).toEqual([...ref].sort((a, b) => a[0] - b[0]));
      for (const k of [-3, 0, 7, 2 ** 31 - 1]) expect(tableLookup(mem, t, k)).toBe(ref.get(k) ?? NIL);
    }), { numRuns: 300 });
  });

  it('grows into a new table and leaves the old one as it was', () => {
    const mem = memory(1 << 12);
    const t = makeTable(mem, 0);
    let cur = t;
    for (let k = 0; k < 4; k++) cur = tableSet(mem, cur, k, 50 + k);
    expect(cur).toBe(t);
    const before = mem.i32.slice(t, t + 3 + 16);
    cur = tableSet(mem, cur, 4, 54);
    expect(cur).not.toBe(t);
    expect(mem.i32.slice(t, t + 3 + 16)).toEqual(before);
    expect(tablePairs(mem, cur).map(([k]) => k)).toEqual([0, 1, 2, 3, 4]);
  });

  it('treats a nil table as empty', () => {
    const mem = memory(64);
    expect(tableLen(mem, NIL)).toBe(0);
    expect(tableLookup(mem, NIL, 3)).toBe(NIL);
    expect(tablePairs(mem, NIL)).toEqual([]);
    expect(() => tableDelete(mem, NIL, 3)).not.toThrow();
  });

  it('fails to grow with a clear error, and the full table still holds everything', () => {
    const mem = memory(3 + 16 + 10);
    let t = makeTable(mem, 0);
    for (let k = 0; k < 4; k++) t = tableSet(mem, t, k, 50 + k);
    expect(() => tableSet(mem, t, 4, 54)).toThrow(SyncArenaFullError);
    expect(() => tableSet(mem, t, 4, 54)).toThrow(/^arena full: cannot allocate 35 word\(s\) for a map of 16 slots, 19 of 29 already in use/);
    expect(tablePairs(mem, t)).toEqual([[0, 50], [1, 51], [2, 52], [3, 53]]);
  });
});

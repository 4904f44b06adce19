/**
 * The arena hash table behind read.m and dirty, against a reference list that orders keys the
 * way the spec's withKey does (spec/syncmap/state.ts): lookups, len, pairs in the order the keys
 * were added, through growth, deletes (tombstones) and slot reuse, for any int32 key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyncArenaFullError } from '../../../impl/syncmap/errors.js';
import { NIL, SyncMemory } from '../../../impl/syncmap/memory.js';
import { makeTable, tableDelete, tableLen, tableLookup, tablePairs, tableReserve, tableSet } from '../../../impl/syncmap/table.js';

const memory = (arenaWords: number): SyncMemory =>
  new SyncMemory(new SharedArrayBuffer(SyncMemory.byteLength(arenaWords)), { arenaWords, lockTimeoutMs: 1000 });

/** The table's layout (table.ts): a 4-word header, word 3 the next sequence number, 3-word slots. */
const HEADER = 4;
const NEXT_SEQ = 3;
const tableWords = (cap: number): number => HEADER + 3 * cap;

type Pairs = Array<[key: number, entry: number]>;

/**
 * withKey's order, written out again rather than imported, so the table is held to the rule and
 * not to whatever the spec's code does today: a key present keeps its place (its entry
 * replaced), a new key goes last, a deleted key leaves (and goes last if added again).
 */
function refSet(ref: Pairs, key: number, e: number): void {
  const at = ref.findIndex(([k]) => k === key);
  if (at >= 0) ref[at] = [key, e];
  else ref.push([key, e]);
}
function refDelete(ref: Pairs, key: number): void {
  const at = ref.findIndex(([k]) => k === key);
  if (at >= 0) ref.splice(at, 1);
}

const keys = (mem: SyncMemory, t: number): number[] => tablePairs(mem, t).map(([k]) => k);

/** Few distinct keys in a program (so deletes hit), some of them int32's extremes. */
const keyArb = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.constantFrom(-(2 ** 31), 2 ** 31 - 1, 8, 16));
const stepArb = fc.tuple(fc.constantFrom('set', 'set', 'delete'), keyArb);

describe('the arena table', () => {
  it('behaves as the spec\'s ordered map through growth and deletes (300 random programs)', () => {
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 200 }), (steps) => {
      const mem = memory(1 << 16);
      let t = makeTable(mem, 0);
      const ref: Pairs = [];
      for (const [i, [what, key]] of steps.entries()) {
        if (what === 'set') {
          // Entries are arena addresses, never 0 or negative: any positive number stands for one.
          t = tableSet(mem, t, key, 100 + i);
          refSet(ref, key, 100 + i);
        } else {
          tableDelete(mem, t, key);
          refDelete(ref, key);
        }
        expect(tableLen(mem, t)).toBe(ref.length);
        expect(tableLookup(mem, t, key)).toBe(ref.find(([k]) => k === key)?.[1] ?? NIL);
        // The order after every step: Range and dirtyLocked may read the table at any point.
        expect(tablePairs(mem, t)).toEqual(ref);
      }
      for (const k of [-3, 0, 7, 2 ** 31 - 1]) expect(tableLookup(mem, t, k)).toBe(ref.find(([r]) => r === k)?.[1] ?? NIL);
    }), { numRuns: 300 });
  });

  it('gives pairs in the order keys were added, not by key, and a re-added key goes last', () => {
    const mem = memory(1 << 12);
    const t = makeTable(mem, 0);
    for (const k of [5, 1, 3]) expect(tableSet(mem, t, k, 50 + k)).toBe(t);
    expect(tablePairs(mem, t)).toEqual([[5, 55], [1, 51], [3, 53]]);
    // Replacing an entry is not adding a key: 1 keeps its place.
    tableSet(mem, t, 1, 77);
    expect(tablePairs(mem, t)).toEqual([[5, 55], [1, 77], [3, 53]]);
    tableDelete(mem, t, 1);
    expect(tablePairs(mem, t)).toEqual([[5, 55], [3, 53]]);
    // Back into its old slot (a tombstone on its own probe sequence), but last in the order.
    expect(tableSet(mem, t, 1, 78)).toBe(t);
    expect(mem.i32[t + 2], 'used slots: the tombstone was reused').toBe(3);
    expect(tablePairs(mem, t)).toEqual([[5, 55], [3, 53], [1, 78]]);
  });

  it('keeps the order through growth, which drops tombstones', () => {
    const mem = memory(1 << 14);
    let t = makeTable(mem, 0);
    const ref: Pairs = [];
    // Descending and interleaved keys, so key order and slot order both differ from insertion order.
    const order = [40, 3, 39, 2, 38, 1, 37, 0, 36, -1];
    for (const k of order) {
      t = tableSet(mem, t, k, 1000 + k);
      refSet(ref, k, 1000 + k);
    }
    tableDelete(mem, t, 39);
    refDelete(ref, 39);
    t = tableSet(mem, t, 39, 2039);
    refSet(ref, 39, 2039);
    const before = t;
    for (let k = 100; k < 140; k++) {
      t = tableSet(mem, t, -k, k);
      refSet(ref, -k, k);
    }
    expect(t).not.toBe(before);
    expect(mem.i32[t]).toBeGreaterThan(mem.i32[before]!);
    expect(tablePairs(mem, t)).toEqual(ref);
    expect(keys(mem, t).slice(0, 10)).toEqual([40, 3, 2, 38, 1, 37, 0, 36, -1, 39]);
  });

  it('grows into a new table and leaves the old one as it was', () => {
    const mem = memory(1 << 12);
    const t = makeTable(mem, 0);
    let cur = t;
    for (const k of [3, 0, 2, 1]) cur = tableSet(mem, cur, k, 50 + k);
    expect(cur).toBe(t);
    const before = mem.i32.slice(t, t + tableWords(8));
    cur = tableSet(mem, cur, 4, 54);
    expect(cur).not.toBe(t);
    expect(mem.i32.slice(t, t + tableWords(8))).toEqual(before);
    expect(keys(mem, cur)).toEqual([3, 0, 2, 1, 4]);
    expect(keys(mem, t)).toEqual([3, 0, 2, 1]);
  });

  it('reserves by copying in the same order, after which an insert allocates nothing', () => {
    const mem = memory(1 << 12);
    let t = makeTable(mem, 0);
    for (const k of [9, 4, 7, 6]) t = tableSet(mem, t, k, 50 + k);
    const r = tableReserve(mem, t);
    expect(r).not.toBe(t);
    expect(tablePairs(mem, r)).toEqual(tablePairs(mem, t));
    const used = mem.allocated();
    expect(tableSet(mem, r, 5, 55)).toBe(r);
    expect(mem.allocated()).toBe(used);
    expect(keys(mem, r)).toEqual([9, 4, 7, 6, 5]);
  });

  it('copies a table whose sequence numbers ran out, numbering its pairs afresh in the same order', () => {
    const mem = memory(1 << 12);
    let t = makeTable(mem, 0);
    for (const k of [8, 2, 5]) t = tableSet(mem, t, k, 50 + k);
    // As if 2^31 - 1 keys had been added over the table's life: the next one cannot be numbered.
    mem.i32[t + NEXT_SEQ] = 0x7fffffff;
    expect(tableReserve(mem, t)).not.toBe(t);
    const next = tableSet(mem, t, 1, 51);
    expect(next).not.toBe(t);
    expect(keys(mem, next)).toEqual([8, 2, 5, 1]);
    expect(mem.i32[next + NEXT_SEQ]).toBe(4);
    // Replacing an entry numbers nothing, so it needs no copy.
    mem.i32[next + NEXT_SEQ] = 0x7fffffff;
    expect(tableSet(mem, next, 2, 99)).toBe(next);
  });

  it('treats a nil table as empty', () => {
    const mem = memory(64);
    expect(tableLen(mem, NIL)).toBe(0);
    expect(tableLookup(mem, NIL, 3)).toBe(NIL);
    expect(tablePairs(mem, NIL)).toEqual([]);
    expect(() => tableDelete(mem, NIL, 3)).not.toThrow();
  });

  it('fails to grow with a clear error, and the full table still holds everything in order', () => {
    const mem = memory(tableWords(8) + 10);
    let t = makeTable(mem, 0);
    for (const k of [2, 0, 3, 1]) t = tableSet(mem, t, k, 50 + k);
    const before = mem.i32.slice(t, t + tableWords(8));
    expect(() => tableSet(mem, t, 4, 54)).toThrow(SyncArenaFullError);
    expect(() => tableSet(mem, t, 4, 54)).toThrow(/^arena full: cannot allocate 52 word\(s\) for a map of 16 slots, 28 of 38 already in use/);
    expect(() => tableReserve(mem, t)).toThrow(SyncArenaFullError);
    expect(mem.i32.slice(t, t + tableWords(8))).toEqual(before);
    expect(tablePairs(mem, t)).toEqual([[2, 52], [0, 50], [3, 53], [1, 51]]);
  });
});

import { NIL, type SyncMemory } from './memory.js';

/**
 * A Go map[any]*entry over int32 keys, in the arena: open addressing with linear probing.
 *
 *   word 0  capacity (a power of two, at least 8)
 *   word 1  live pairs: len(m)
 *   word 2  used slots: live pairs plus tombstones, kept at most half the capacity, so every
 *           probe sequence reaches an empty slot and ends
 *   word 3  the next insertion sequence number: how many keys were ever added to the table
 *   then    capacity slots of [key, entry, seq]; entry 0 marks an empty slot, -1 a tombstone;
 *           seq orders the live pairs the way they were added (see tablePairs)
 *
 * A table is written only while it is m.dirty (with mu held) or before anyone can see it. When
 * dirty is promoted, its table becomes read.m as it is (Go hands over the same map) and nobody
 * writes it again: m.dirty is set to nil in the same critical section. A table that must grow is
 * copied into a bigger one, in the same order; the old one is left behind, as the arena never
 * reuses memory.
 */
const CAP = 0;
const LIVE = 1;
const USED = 2;
const NEXT_SEQ = 3;
const HEADER = 4;
const SLOT_WORDS = 3;
const EMPTY = 0;
const TOMBSTONE = -1;
const MIN_CAP = 8;

/** A multiplicative mix, so consecutive keys do not fill consecutive slots. */
function home(key: number, mask: number): number {
  let h = Math.imul(key ^ (key >>> 16), 0x45d9f3b);
  h ^= h >>> 16;
  return h & mask;
}

/** The smallest capacity that takes n pairs without growing. */
function capacityFor(n: number): number {
  let cap = MIN_CAP;
  while (cap < 2 * n) cap *= 2;
  return cap;
}

/** make(map[any]*entry, hint): an empty table with room for `hint` pairs. */
export function makeTable(mem: SyncMemory, hint: number): number {
  const cap = capacityFor(hint);
  const t = mem.alloc(HEADER + SLOT_WORDS * cap, `a map of ${cap} slots`);
  mem.i32[t + CAP] = cap;
  return t;
}

/** len(m); a nil map has none. */
export function tableLen(mem: SyncMemory, t: number): number {
  return t === NIL ? 0 : mem.i32[t + LIVE]!;
}

/** The word index of slot i of table t. */
function slot(t: number, i: number): number {
  return t + HEADER + SLOT_WORDS * i;
}

/** The word index of the slot holding key, or -1; a nil map holds nothing. */
function find(i32: Int32Array, t: number, key: number): number {
  if (t === NIL) return -1;
  const mask = i32[t + CAP]! - 1;
  for (let i = home(key, mask); ; i = (i + 1) & mask) {
    const s = slot(t, i);
    const e = i32[s + 1]!;
    if (e === EMPTY) return -1;
    if (e !== TOMBSTONE && i32[s] === key) return s;
  }
}

/** m[key]: the entry's address, or NIL when the key is absent. */
export function tableLookup(mem: SyncMemory, t: number, key: number): number {
  const s = find(mem.i32, t, key);
  return s < 0 ? NIL : mem.i32[s + 1]!;
}

/**
 * The last sequence number a table hands out. Reaching it (2^31 inserts into one table) makes
 * the next insert copy the table, which numbers its pairs afresh from 0, so seq never wraps.
 */
const MAX_SEQ = 0x7fffffff;

/**
 * m[key] = e on a non-nil table. Returns the table that now holds the pair: `t`, or a bigger
 * copy when t had to grow (the caller points m.dirty at it). The copy is allocated and filled
 * before anything is written, so a full arena leaves t as it was. A key already present keeps
 * its place in the order; a new one goes last, as the spec's withKey does.
 */
export function tableSet(mem: SyncMemory, t: number, key: number, e: number): number {
  const i32 = mem.i32;
  const old = find(i32, t, key);
  if (old >= 0) {
    i32[old + 1] = e;
    return t;
  }
  const mask = i32[t + CAP]! - 1;
  // The first tombstone or empty slot on the key's probe sequence (live entries are addresses > 0).
  let i = home(key, mask);
  while (i32[slot(t, i) + 1]! > 0) i = (i + 1) & mask;
  const s = slot(t, i);
  const reusesTombstone = i32[s + 1] === TOMBSTONE;
  const full = !reusesTombstone && 2 * (i32[t + USED]! + 1) > mask + 1;
  if (full || i32[t + NEXT_SEQ] === MAX_SEQ) return tableSet(mem, grown(mem, t), key, e);
  i32[s] = key;
  i32[s + 1] = e;
  // A fresh number even in a reused tombstone: a re-added key goes last, not back to its place.
  i32[s + 2] = i32[t + NEXT_SEQ]!++;
  i32[t + LIVE]!++;
  if (!reusesTombstone) i32[t + USED]!++;
  return t;
}

/**
 * t, or a bigger copy of it, such that the next tableSet cannot need memory. For a caller that
 * must not fail half way: allocate first, then make the change that the insert completes.
 */
export function tableReserve(mem: SyncMemory, t: number): number {
  const i32 = mem.i32;
  return 2 * (i32[t + USED]! + 1) > i32[t + CAP]! || i32[t + NEXT_SEQ] === MAX_SEQ ? grown(mem, t) : t;
}

/** delete(m, key): a no-op on a nil map or an absent key. */
export function tableDelete(mem: SyncMemory, t: number, key: number): void {
  const s = find(mem.i32, t, key);
  if (s < 0) return;
  mem.i32[s + 1] = TOMBSTONE;
  mem.i32[t + LIVE]!--;
}

/**
 * Every [key, entry] pair in the order the keys were added (by seq). Go ranges over a map in
 * random order; the spec picks insertion order (withKey in spec/syncmap/state.ts), which comes
 * from the map's history and not from the keys' names. Following it makes a one-goroutine run
 * take exactly the spec's steps (dirtyLocked's and Range's per-entry steps come in the same
 * order), and the conformance check compares read.m and dirty pair by pair, in order.
 */
export function tablePairs(mem: SyncMemory, t: number): Array<[key: number, entry: number]> {
  if (t === NIL) return [];
  const i32 = mem.i32;
  const cap = i32[t + CAP]!;
  const live: Array<[seq: number, key: number, entry: number]> = [];
  for (let i = 0; i < cap; i++) {
    const s = slot(t, i);
    const e = i32[s + 1]!;
    if (e !== EMPTY && e !== TOMBSTONE) live.push([i32[s + 2]!, i32[s]!, e]);
  }
  return live.sort((a, b) => a[0] - b[0]).map(([, k, e]) => [k, e]);
}

/** A copy of t with room for one more pair than it holds, tombstones dropped, in t's order. */
function grown(mem: SyncMemory, t: number): number {
  const pairs = tablePairs(mem, t);
  let next = makeTable(mem, pairs.length + 1);
  // Inserted in t's order, so the copy numbers them 0, 1, ... in that same order.
  for (const [k, e] of pairs) next = tableSet(mem, next, k, e);
  return next;
}

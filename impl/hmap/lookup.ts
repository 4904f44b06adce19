/**
 * The real map's reads: `v, ok := m[k]` (mapaccess2), the key lookup range uses, and `len(m)`,
 * with the concurrent read-and-write fatal where Go checks it.
 */
import { FATAL_READ_WRITE, HASH_WRITING, isEvacuatedMark, NIL, SAME_SIZE_GROW } from './constants.js';
import { type MapCore, scanChain } from './core.js';
import { goFatal } from './errors.js';
import { ACCESS2, ACCESS_DEREF, ACCESS_K, LEN, type LookupLabels } from './labels.js';

/** Where a found key's elem lives. */
export interface Found {
  b: number;
  i: number;
}

/**
 * The scan shared by mapaccess2 (map.go:456-515) and mapaccessK (518-559): count, the write-flag
 * check (mapaccess2 only), B, buckets, and, while growing, the old bucket if it is not yet
 * evacuated; then the chain. Returns where the key is, or undefined.
 */
function lookup(c: MapCore, L: LookupLabels, key: number, checkFlags: boolean): Found | undefined {
  const m = c.mem;
  c.hook(L.count);
  if (m.count() === 0) return undefined;
  return scan(c, L, key, checkFlags);
}

function scan(c: MapCore, L: LookupLabels, key: number, checkFlags: boolean): Found | undefined {
  const m = c.mem;
  if (checkFlags) {
    c.hook(L.flags);
    if (m.flags() & HASH_WRITING) throw goFatal(FATAL_READ_WRITE);
  }
  const hash = c.hash(key);
  const top = c.top(key);
  c.hook(L.B);
  let mask = c.bucketMask(m.B());
  c.hook(L.buckets);
  let b = m.ptr(m.buckets(), hash & mask);
  c.hook(L.oldbuckets);
  const old = m.oldbuckets();
  if (old !== NIL) {
    c.hook(L.sameSize);
    if (!(m.flags() & SAME_SIZE_GROW)) mask >>>= 1; // there used to be half as many buckets
    const oldb = m.ptr(old, hash & mask);
    c.hook(L.oldTophash);
    if (!isEvacuatedMark(m.tophash(oldb, 0))) b = oldb;
  }
  return scanChain(c, b, top, key, L);
}

/** `v, ok := m[k]`: mapaccess2, then the caller's read through the returned pointer. */
export function access(c: MapCore, key: number): { value: number; ok: boolean } {
  const at = lookup(c, ACCESS2, key, true);
  if (at === undefined) return { value: 0, ok: false };
  c.hook(ACCESS_DEREF);
  return { value: c.mem.elem(at.b, at.i), ok: true };
}

/**
 * mapaccessK as the iterator calls it for a cell that was evacuated while it iterated: the key is
 * passed by pointer (the old cell), so hashing it loads it.
 */
export function accessK(c: MapCore, keyb: number, keyi: number): Found | undefined {
  const m = c.mem;
  c.hook(ACCESS_K.count);
  if (m.count() === 0) return undefined;
  c.hook(ACCESS_K.loadKey);
  const key = m.key(keyb, keyi);
  return scan(c, ACCESS_K, key, false);
}

/** `len(m)`: the compiler inlines it as one plain load of h.count. */
export function len(c: MapCore): number {
  c.hook(LEN);
  return c.mem.count();
}

import { isValue, NONE } from './constants.js';
import { lookup, mapOf, type Mem, readOnlyOf } from './state.js';

/**
 * The map's abstract contents (reference §2, derived): k holds v iff read.m[k]'s entry holds v,
 * or read is amended and dirty[k]'s entry holds v. Returned as values per key 0..keys-1, 0 for
 * absent, the shape of spec/model.ts's state.
 */
export function contents(m: Mem, keys: number): number[] {
  const ro = readOnlyOf(m, m.read);
  return Array.from({ length: keys }, (_, k) => {
    const e = lookup(m, ro.m, k);
    if (e !== NONE) return valueOf(m, e);
    return ro.amended && m.dirty !== NONE ? valueOf(m, lookup(m, m.dirty, k)) : 0;
  });
}

function valueOf(m: Mem, e: number): number {
  if (e === NONE) return 0;
  const p = m.entries[e]!;
  return isValue(p) ? p : 0;
}

/** The keys any map of the state mentions, for tests that need a bound. */
export function keysIn(m: Mem): number {
  let n = 0;
  for (const id of m.maps.keys()) for (const [k] of mapOf(m, id)) n = Math.max(n, k + 1);
  return n;
}

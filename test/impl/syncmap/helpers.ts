/** The spec's memory in the implementation's image terms, so the two can be compared whole. */
import { EXPUNGED, NONE, P_NIL } from '../../../spec/syncmap/constants.js';
import { lookup, mapOf, type Mem, readOnlyOf } from '../../../spec/syncmap/state.js';
import type { PImage, SyncMapImage } from '../../../impl/syncmap/index.js';

/** The spec names a pointer by the (unique) value it points at. */
function pOf(p: number): PImage {
  if (p === P_NIL) return 'nil';
  return p === EXPUNGED ? 'expunged' : { value: p };
}

export function specImage(mem: Mem): SyncMapImage {
  const ro = readOnlyOf(mem, mem.read);
  return {
    read: mem.read === NONE ? null : {
      m: ro.m === NONE ? null : mapOf(mem, ro.m).map(([k, e]): [number, PImage] => [k, pOf(mem.entries[e]!)]),
      amended: ro.amended,
    },
    dirty: mem.dirty === NONE ? null : mapOf(mem, mem.dirty).map(([k, e]): [number, PImage, boolean] => [k, pOf(mem.entries[e]!), lookup(mem, ro.m, k) === e]),
    misses: mem.misses,
    locked: mem.mu !== NONE,
  };
}

import { NIL, SAME_SIZE_GROW } from './constants.js';
import type { MapCore } from './core.js';
import { CLEAR as L } from './labels.js';
import { closeWriteWindow, openWriteWindow } from './window.js';

/**
 * mapclear (map.go:993-1039), which the compiler emits for `for k := range m { delete(m, k) }`:
 * reset the hmap fields and clear the current bucket array in place, one bucket at a time. B is
 * kept; the old array and overflow buckets are dropped (never reused here: the arena only grows).
 */
export function mapclear(c: MapCore): void {
  const m = c.mem;
  c.hook(L.count);
  if (m.count() === 0) return;
  openWriteWindow(c, L);
  c.hook(L.sameLoad);
  const f = m.flags();
  c.hook(L.sameStore);
  m.setFlags(f & ~SAME_SIZE_GROW);
  c.hook(L.oldbuckets);
  m.setOldbuckets(NIL);
  c.hook(L.nevacuate);
  m.setNevacuate(0);
  c.hook(L.noverflow);
  m.setNoverflow(0);
  // Go reseeds hash0 here (map.go:1018); the hash table stands for one fixed seed.
  c.hook(L.count0);
  m.setCount(0);
  c.hook(L.extraOverflow);
  m.setExtraOverflow(0);
  c.hook(L.extraOld);
  m.setExtraOldoverflow(0);
  c.hook(L.B);
  const n = 2 ** m.B();
  c.hook(L.buckets);
  const bk = m.buckets();
  if (bk !== NIL) {
    for (let i = 0; i < n; i++) {
      c.hook(L.clear);
      m.clearBucket(m.ptr(bk, i));
    }
  }
  closeWriteWindow(c, L);
}

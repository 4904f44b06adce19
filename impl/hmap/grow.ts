import {
  EVACUATED_EMPTY, EVACUATED_X, isEmpty, isEvacuatedMark, ITERATOR, MIN_TOPHASH, NIL, OLD_ITERATOR,
  SAME_SIZE_GROW, THROW_BAD_MAP_STATE, THROW_OLDOVERFLOW,
} from './constants.js';
import { maskBelow, type MapCore, noldbuckets } from './core.js';
import { goThrow } from './errors.js';
import { ADVANCE_MARK, EVACUATE, GROW_WORK, HASH_GROW, NEW_OVERFLOW } from './labels.js';

/**
 * hashGrow (map.go:1041-1082): a doubling grow when the map is over its load factor, else a
 * same-size grow (too many overflow buckets). The new array is private until the six plain
 * stores that commit the grow; evacuation then happens bit by bit in later writes.
 */
export function hashGrow(c: MapCore): void {
  const m = c.mem;
  const L = HASH_GROW;
  c.hook(L.count);
  const count = m.count();
  c.hook(L.B);
  const bigger = c.overLoadFactor(count + 1, m.B()) ? 1 : 0;
  if (!bigger) {
    c.hook(L.sameLoad);
    const f = m.flags();
    c.hook(L.sameStore);
    m.setFlags(f | SAME_SIZE_GROW);
  }
  c.hook(L.oldbuckets);
  const oldb = m.buckets();
  c.hook(L.makeArray);
  const newb = m.alloc(2 ** ((m.B() + bigger) & 63));
  c.hook(L.flags);
  const f = m.flags();
  // An iterator over the current array now iterates over what becomes the old one.
  const flags = (f & ~(ITERATOR | OLD_ITERATOR)) | (f & ITERATOR ? OLD_ITERATOR : 0);
  c.hook(L.BLoad);
  const B = m.B();
  c.hook(L.BStore);
  m.setB((B + bigger) & 0xff); // B is a uint8
  c.hook(L.storeFlags);
  m.setFlags(flags);
  c.hook(L.storeOld);
  m.setOldbuckets(oldb);
  c.hook(L.storeNew);
  m.setBuckets(newb);
  c.hook(L.storeNevacuate);
  m.setNevacuate(0);
  c.hook(L.storeNoverflow);
  m.setNoverflow(0);
  c.hook(L.extraOverflow);
  if (!m.extraOverflow()) return;
  c.hook(L.extraOld);
  if (m.extraOldoverflow()) throw goThrow(THROW_OLDOVERFLOW);
  c.hook(L.promoteOld);
  m.setExtraOldoverflow(1);
  c.hook(L.dropOverflow);
  m.setExtraOverflow(0);
}

/** growWork (map.go:1128-1137): evacuate the old bucket about to be used, then one more. */
export function growWork(c: MapCore, bucket: number): void {
  const m = c.mem;
  c.hook(GROW_WORK.B);
  const B = m.B();
  c.hook(GROW_WORK.sameSize);
  evacuate(c, maskBelow(bucket, noldbuckets(B, m.flags())));
  c.hook(GROW_WORK.growing);
  if (m.oldbuckets() === NIL) return;
  c.hook(GROW_WORK.nevacuate);
  evacuate(c, m.nevacuate());
}

/**
 * newoverflow (map.go:246-272) with incrnoverflow and createOverflow: a fresh bucket chained
 * after b. Go counts exactly below B = 16 (and randomly above); the count here is always exact.
 */
export function newoverflow(c: MapCore, b: number): number {
  const m = c.mem;
  const L = NEW_OVERFLOW;
  c.hook(L.B);
  const ovf = m.alloc(1); // newobject: private until linked below
  m.B();
  c.hook(L.incLoad);
  const n = m.noverflow();
  c.hook(L.incStore);
  m.setNoverflow((n + 1) & 0xffff); // a uint16
  c.hook(L.createOverflow);
  if (!m.extraOverflow()) {
    c.hook(L.newList);
    m.setExtraOverflow(1);
  }
  c.hook(L.link);
  m.setOverflow(b, ovf);
  return ovf;
}

/** An evacuation destination: a bucket, the next free cell in it. */
interface Dest {
  b: number;
  i: number;
}

/**
 * evacuate (map.go:1152-1264): move old bucket `oldbucket`'s chain to the new array, each key
 * to the X half (same index) or the Y half (index + newbit) by its hash's newbit.
 */
export function evacuate(c: MapCore, oldbucket: number): void {
  const m = c.mem;
  const L = EVACUATE;
  c.hook(L.oldbuckets);
  let b = m.ptr(m.oldbuckets(), oldbucket);
  c.hook(L.B);
  const B = m.B();
  c.hook(L.sameSizeNewbit);
  const newbit = noldbuckets(B, m.flags());
  c.hook(L.evacuated);
  if (!isEvacuatedMark(m.tophash(b, 0))) {
    c.hook(L.xBuckets);
    const bk = m.buckets();
    const x: Dest = { b: m.ptr(bk, oldbucket), i: 0 };
    c.hook(L.ySameSize);
    // y.b = h.buckets + oldbucket+newbit: the compiled code reuses the load of h.buckets above.
    const y: Dest = { b: m.flags() & SAME_SIZE_GROW ? NIL : m.ptr(bk, oldbucket + newbit), i: 0 };
    for (;;) {
      for (let i = 0; i < c.bucketCnt; i++) evacuateCell(c, b, i, newbit, x, y);
      c.hook(L.overflow);
      b = m.overflow(b);
      if (b === NIL) break;
    }
    // Buckets of int keys and elems hold no pointers: nothing is cleared, whatever flags says.
    c.hook(L.unlinkCheck);
    m.flags();
  }
  c.hook(L.mark);
  if (m.nevacuate() === oldbucket) advanceEvacuationMark(c, newbit);
}

function evacuateCell(c: MapCore, b: number, i: number, newbit: number, x: Dest, y: Dest): void {
  const m = c.mem;
  const L = EVACUATE;
  c.hook(L.tophash);
  const top = m.tophash(b, i);
  if (isEmpty(top)) {
    c.hook(L.markEmpty);
    m.setTophash(b, i, EVACUATED_EMPTY);
    return;
  }
  if (top < MIN_TOPHASH) throw goThrow(THROW_BAD_MAP_STATE);
  let useY = 0;
  c.hook(L.sameSizeCell);
  if (!(m.flags() & SAME_SIZE_GROW)) {
    c.hook(L.hashKey);
    const k = m.key(b, i);
    useY = k >= 0 && c.hash(k) & newbit ? 1 : 0;
    // Integer keys are reflexive: the iterator flag read here never changes the X/Y choice.
    c.hook(L.iteratorCheck);
    m.flags();
  }
  c.hook(L.markMoved);
  m.setTophash(b, i, EVACUATED_X + useY);
  const dst = useY ? y : x;
  if (dst.i === c.bucketCnt) {
    dst.b = newoverflow(c, dst.b);
    dst.i = 0;
  }
  c.hook(L.dstTophash);
  m.setTophash(dst.b, dst.i, top);
  c.hook(L.keyLoad);
  const k = m.key(b, i);
  c.hook(L.keyStore);
  m.setKey(dst.b, dst.i, k);
  c.hook(L.elemLoad);
  const e = m.elem(b, i);
  c.hook(L.elemStore);
  m.setElem(dst.b, dst.i, e);
  dst.i++;
}

/**
 * advanceEvacuationMark (map.go:1266-1288): move nevacuate past the evacuated old buckets, and
 * when it reaches the end, drop the old array: the grow is done.
 */
function advanceEvacuationMark(c: MapCore, newbit: number): void {
  const m = c.mem;
  const L = ADVANCE_MARK;
  c.hook(L.incLoad);
  let n = m.nevacuate();
  c.hook(L.incStore);
  m.setNevacuate(n + 1);
  // stop := h.nevacuate + 1024: the compiler forwards the value just stored.
  const stop = Math.min(n + 1 + 1024, newbit);
  for (;;) {
    c.hook(L.loop);
    n = m.nevacuate();
    if (n === stop) break;
    c.hook(L.oldbuckets);
    const ob = m.ptr(m.oldbuckets(), n);
    c.hook(L.evacuated);
    if (!isEvacuatedMark(m.tophash(ob, 0))) break;
    c.hook(L.step);
    m.setNevacuate(n + 1);
  }
  // `if h.nevacuate == newbit` reuses the loop's last load: nothing was stored since.
  if (n !== newbit) return;
  c.hook(L.dropOld);
  m.setOldbuckets(NIL);
  c.hook(L.dropOldOverflow);
  m.setExtraOldoverflow(0);
  c.hook(L.sameLoad);
  const f = m.flags();
  c.hook(L.sameStore);
  m.setFlags(f & ~SAME_SIZE_GROW);
}

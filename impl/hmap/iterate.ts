/**
 * The real map's `range`: mapiterinit and mapiternext over the shared buffer, as the spec's
 * steps go (spec/hmap/fns/iterate.ts), with a scheduling point at each.
 */
import {
  EVACUATED_EMPTY, EVACUATED_X, EVACUATED_Y, FATAL_ITER_WRITE, HASH_WRITING, isEmpty, isEvacuatedMark,
  ITERATOR, NIL, OLD_ITERATOR, SAME_SIZE_GROW,
} from './constants.js';
import { maskBelow, type MapCore, noldbuckets } from './core.js';
import { goFatal } from './errors.js';
import { RANGE as L } from './labels.js';
import { accessK } from './lookup.js';

/** it.checkBucket == noCheck. */
const NO_CHECK = -1;

/** hiter (map.go:165-182), the fields this map's iteration uses. */
interface Hiter {
  B: number;
  buckets: number;
  /** The next bucket index to start on, and whether it wrapped past the end. */
  bucket: number;
  wrapped: boolean;
  /** The bucket being walked (NIL between buckets) and the next cell in it. */
  b: number;
  i: number;
  /** While walking an unevacuated old bucket: the new bucket index whose keys to keep. */
  checkBucket: number;
}

/**
 * `for k, v := range m {}`: mapiterinit (map.go:815-864), then mapiternext (866-990) before each
 * pair, and the loop body's copy of *it.key and *it.elem, yielded as [key, value]. Go starts at a
 * random bucket and offset; this starts at bucket 0, offset 0, as the spec does.
 */
export function* range(c: MapCore): Generator<[key: number, value: number], void, undefined> {
  const m = c.mem;
  c.hook(L.count);
  if (m.count() === 0) return;
  c.hook(L.B);
  const B = m.B();
  c.hook(L.buckets);
  const buckets = m.buckets();
  // createOverflow: keep overflow buckets alive while iterating (a GC matter in Go).
  c.hook(L.createOverflow);
  if (!m.extraOverflow()) {
    c.hook(L.newList);
    m.setExtraOverflow(1);
  }
  c.hook(L.oldOverflow);
  m.extraOldoverflow();
  const it: Hiter = { B, buckets, bucket: 0, wrapped: false, b: NIL, i: 0, checkBucket: NO_CHECK };
  const both = ITERATOR | OLD_ITERATOR;
  c.hook(L.flags);
  if ((m.flags() & both) !== both) {
    c.hook(L.or8);
    m.orFlags(both);
  }
  for (;;) {
    c.hook(L.next);
    if (m.flags() & HASH_WRITING) throw goFatal(FATAL_ITER_WRITE);
    const cell = nextCell(c, it);
    if (cell === undefined) return;
    c.hook(L.bodyKey);
    const k = m.key(cell.b, cell.i);
    c.hook(L.bodyElem);
    yield [k, m.elem(cell.b, cell.i)];
  }
}

/** The rest of mapiternext: the cell of the next pair to yield, or undefined when done. */
function nextCell(c: MapCore, it: Hiter): { b: number; i: number } | undefined {
  const m = c.mem;
  for (;;) {
    if (it.b === NIL) {
      if (it.bucket === 0 && it.wrapped) return undefined;
      startBucket(c, it);
    }
    while (it.i < c.bucketCnt) {
      const i = it.i++;
      c.hook(L.cellTophash);
      const top = m.tophash(it.b, i);
      if (isEmpty(top) || top === EVACUATED_EMPTY) continue;
      if (it.checkBucket !== NO_CHECK && !keepsInOldBucket(c, it, i)) continue;
      if (top !== EVACUATED_X && top !== EVACUATED_Y) return { b: it.b, i };
      // Evacuated since the iterator began: the key may have been deleted or updated since, so
      // it is looked up again where it lives now, and skipped if gone.
      const found = accessK(c, it.b, i);
      if (found !== undefined) return found;
    }
    c.hook(L.overflow);
    it.b = m.overflow(it.b);
    it.i = 0;
  }
}

/**
 * Picks the bucket to walk for it.bucket: while the map is still growing from the array the
 * iterator started on, an unevacuated old bucket is walked instead, keeping only the keys that
 * belong to it.bucket in the new array.
 */
function startBucket(c: MapCore, it: Hiter): void {
  const m = c.mem;
  it.b = NIL;
  c.hook(L.growing);
  if (m.oldbuckets() !== NIL) {
    c.hook(L.growingB);
    if (m.B() === it.B) {
      c.hook(L.oldmaskB);
      const B = m.B();
      c.hook(L.oldmaskFlags);
      const oldbucket = maskBelow(it.bucket, noldbuckets(B, m.flags()));
      c.hook(L.oldb);
      const b = m.ptr(m.oldbuckets(), oldbucket);
      c.hook(L.oldEvacuated);
      if (!isEvacuatedMark(m.tophash(b, 0))) {
        it.b = b;
        it.checkBucket = it.bucket;
      }
    }
  }
  if (it.b === NIL) {
    it.b = m.ptr(it.buckets, it.bucket);
    it.checkBucket = NO_CHECK;
  }
  it.bucket++;
  if (it.bucket === 2 ** it.B) {
    it.bucket = 0;
    it.wrapped = true;
  }
  it.i = 0;
}

/** In an unevacuated old bucket of a doubling grow: whether cell i's key goes to it.checkBucket. */
function keepsInOldBucket(c: MapCore, it: Hiter, i: number): boolean {
  const m = c.mem;
  c.hook(L.checkSameSize);
  if (m.flags() & SAME_SIZE_GROW) return true;
  c.hook(L.checkHash);
  const k = m.key(it.b, i);
  const hash = k >= 0 ? c.hash(k) : 0;
  return (hash & c.bucketMask(it.B)) === it.checkBucket;
}

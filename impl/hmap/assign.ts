/**
 * The real map's `m[k] = v`: mapassign over the shared buffer, the write window, growth and
 * overflow included, with a scheduling point at each of the spec's steps.
 */
import { EMPTY_REST, isEmpty, NIL } from './constants.js';
import { type MapCore, tooManyOverflowBuckets } from './core.js';
import { growWork, hashGrow, newoverflow } from './grow.js';
import { ASSIGN as L } from './labels.js';
import { closeWriteWindow, openWriteWindow } from './window.js';

/** A cell: bucket id and index. */
interface Cell {
  b: number;
  i: number;
}

/**
 * `m[k] = v`: mapassign (map.go:578-693) finds or makes k's cell inside its write window, and
 * the compiled caller stores v through the returned pointer after the window has closed
 * (`*mapassign(t, h, &k) = v`), which is why a racing writer can see the key without its value.
 */
export function assign(c: MapCore, key: number, value: number): void {
  const m = c.mem;
  openWriteWindow(c, L);
  c.hook(L.bucketsNil);
  if (m.buckets() === NIL) {
    c.hook(L.allocBuckets);
    m.setBuckets(m.alloc(1));
  }
  let elem: Cell;
  for (;;) {
    const r = findOrInsert(c, key);
    if (r !== 'grown') {
      elem = r;
      break;
    }
  }
  closeWriteWindow(c, L);
  c.hook(L.storeValue);
  m.setElem(elem.b, elem.i, value);
}

/**
 * From `again:` (map.go:608) to the end of the insert: the cell now holding key, or 'grown' when
 * a grow started and the search must begin again.
 */
function findOrInsert(c: MapCore, key: number): Cell | 'grown' {
  const m = c.mem;
  const top = c.top(key);
  c.hook(L.again);
  const bucket = c.hash(key) & c.bucketMask(m.B());
  c.hook(L.growing);
  if (m.oldbuckets() !== NIL) growWork(c, bucket);
  c.hook(L.bucketLoad);
  let b = m.ptr(m.buckets(), bucket);
  let ins: Cell | undefined;
  search: for (;;) {
    for (let i = 0; i < c.bucketCnt; i++) {
      c.hook(L.tophash);
      const t = m.tophash(b, i);
      if (t !== top) {
        if (isEmpty(t) && ins === undefined) ins = { b, i };
        if (t === EMPTY_REST) break search;
        continue;
      }
      c.hook(L.key);
      // Already present: only the caller's value store is left (int keys need no key update).
      if (m.key(b, i) === key) return { b, i };
    }
    c.hook(L.overflow);
    const ovf = m.overflow(b);
    if (ovf === NIL) break;
    b = ovf;
  }
  // Not found. Growing adds room, and the search must start over in the new array.
  c.hook(L.notFound);
  if (m.oldbuckets() === NIL) {
    c.hook(L.loadCount);
    const count = m.count();
    c.hook(L.loadB);
    const B = m.B();
    if (c.overLoadFactor(count + 1, B)) {
      hashGrow(c);
      return 'grown';
    }
    c.hook(L.loadNoverflow);
    if (tooManyOverflowBuckets(m.noverflow(), B)) {
      hashGrow(c);
      return 'grown';
    }
  }
  // Every cell was full: chain a new overflow bucket after the last one.
  ins ??= { b: newoverflow(c, b), i: 0 };
  c.hook(L.storeKey);
  m.setKey(ins.b, ins.i, key);
  c.hook(L.storeTophash);
  m.setTophash(ins.b, ins.i, top);
  c.hook(L.countLoad);
  const n = m.count();
  c.hook(L.countStore);
  m.setCount(n + 1);
  return ins;
}

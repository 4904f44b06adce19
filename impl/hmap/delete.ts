import { EMPTY_ONE, EMPTY_REST, NIL } from './constants.js';
import { type MapCore, scanChain } from './core.js';
import { growWork } from './grow.js';
import { DELETE as L } from './labels.js';
import { closeWriteWindow, openWriteWindow } from './window.js';

/**
 * `delete(m, k)`: mapdelete (map.go:695-809) for keys and elems without pointers, so only the
 * elem is cleared. When the emptied cell ends the chain's used part, the emptyRest marks are
 * spread backwards so lookups can stop early.
 */
export function mapdelete(c: MapCore, key: number): void {
  const m = c.mem;
  c.hook(L.count);
  if (m.count() === 0) return;
  openWriteWindow(c, L);
  c.hook(L.B);
  const bucket = c.hash(key) & c.bucketMask(m.B());
  c.hook(L.growing);
  if (m.oldbuckets() !== NIL) growWork(c, bucket);
  c.hook(L.bucketLoad);
  const bOrig = m.ptr(m.buckets(), bucket);
  const at = scanChain(c, bOrig, c.top(key), key, L);
  if (at !== undefined) {
    c.hook(L.clearElem);
    m.setElem(at.b, at.i, 0);
    c.hook(L.emptyOne);
    m.setTophash(at.b, at.i, EMPTY_ONE);
    if (endsUsedPart(c, at.b, at.i)) markEmptyRest(c, bOrig, at.b, at.i);
    c.hook(L.countLoad);
    const n = m.count();
    c.hook(L.countStore);
    m.setCount(n - 1);
  }
  closeWriteWindow(c, L);
}

/** Whether every cell after (b, i) in the chain is empty-rest, i.e. (b, i) may become emptyRest. */
function endsUsedPart(c: MapCore, b: number, i: number): boolean {
  const m = c.mem;
  if (i === c.bucketCnt - 1) {
    c.hook(L.lastOverflow);
    const ovf = m.overflow(b);
    if (ovf === NIL) return true;
    c.hook(L.lastOverflowTop);
    return m.tophash(ovf, 0) === EMPTY_REST;
  }
  c.hook(L.nextCell);
  return m.tophash(b, i + 1) === EMPTY_REST;
}

/**
 * Marks (b, i) emptyRest and walks backwards through the chain (map.go:777-792), turning every
 * emptyOne before it into emptyRest; stepping back past a bucket's first cell means finding the
 * previous bucket from the chain's head.
 */
function markEmptyRest(c: MapCore, bOrig: number, b: number, i: number): void {
  const m = c.mem;
  for (;;) {
    c.hook(L.markRest);
    m.setTophash(b, i, EMPTY_REST);
    if (i > 0) {
      i--;
    } else {
      if (b === bOrig) return; // the very first cell of the chain
      const next = b;
      b = bOrig;
      for (;;) {
        c.hook(L.findPrev);
        const ovf = m.overflow(b);
        if (ovf === next) break;
        b = ovf;
      }
      i = c.bucketCnt - 1;
    }
    c.hook(L.restCheck);
    if (m.tophash(b, i) !== EMPTY_ONE) return;
  }
}

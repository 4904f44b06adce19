import { EMPTY_ONE, EMPTY_REST, NIL } from '../constants.js';
import type { Ctx } from '../ctx.js';
import type { GoFunction } from '../program.js';
import { closeWriteWindow, nextCell, openWriteWindow } from './shared.js';

function emptyRestLoop(c: Ctx): void {
  // After turning cell i into emptyRest: step back one cell (into the previous bucket of the
  // chain at i == 0), or stop at the very first cell (map.go:778-792).
  if (c.v.i! > 0) {
    c.v.i = c.v.i! - 1;
    return c.goto('restCheck');
  }
  if (c.v.b === c.v.borig) return c.goto('countLoad');
  c.v.c = c.v.b!;
  c.v.b = c.v.borig!;
  c.goto('findPrev');
}

/** mapdelete (map.go:695-809), for keys and elems without pointers (nothing else is cleared). */
export const MAPDELETE: GoFunction = {
  name: 'mapdelete', file: 'map.go', entry: 'count', pointerVars: ['b', 'borig', 'c', 'ovf', 'ret'], keyVars: ['key'],
  points: {
    count: {
      line: 708, text: 'if h == nil || h.count == 0 (load)',
      run: (c) => (c.load({ field: 'count' }) === 0 ? c.finish({ kind: 'none' }) : c.goto('checkWriting')),
    },
    ...openWriteWindow(714, 722, 'B'),
    B: {
      line: 724, text: 'bucket := hash & bucketMask(h.B) (load)',
      run: (c) => { c.v.bucket = c.hash(c.v.key!) & c.bucketMask(c.load({ field: 'B' })); c.goto('growing'); },
    },
    growing: {
      line: 725, text: 'if h.growing() (load oldbuckets)',
      run: (c) => {
        if (c.load({ field: 'oldbuckets' }) !== NIL) c.call('growWork', { bucket: c.v.bucket! }, 'bucketLoad');
        else c.goto('bucketLoad');
      },
    },
    bucketLoad: {
      line: 728, text: 'b := h.buckets + bucket (load)',
      run: (c) => {
        c.v.b = c.ptr(c.load({ field: 'buckets' }), c.v.bucket!);
        c.v.borig = c.v.b;
        c.v.i = 0;
        c.goto('tophash');
      },
    },
    tophash: {
      line: 734, text: 'if b.tophash[i] != top (load)',
      run: (c) => {
        const top = c.load({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! });
        if (top === c.top(c.v.key!)) c.goto('key');
        else if (top === EMPTY_REST) c.goto('endCheck');
        else nextCell(c, 'tophash', 'overflow');
      },
    },
    key: {
      line: 745, text: 'if !t.key.equal(key, k2) (load key)',
      run: (c) => {
        if (c.load({ cell: 'key', bucket: c.v.b!, i: c.v.i! }) === c.v.key) c.goto('clearElem');
        else nextCell(c, 'tophash', 'overflow');
      },
    },
    overflow: {
      line: 732, text: 'b = b.overflow(t) (load)',
      run: (c) => {
        c.v.b = c.load({ overflowOf: c.v.b! });
        c.v.i = 0;
        c.goto(c.v.b === NIL ? 'endCheck' : 'tophash');
      },
    },
    clearElem: {
      line: 760, text: 'memclrNoHeapPointers(e, t.elem.size) (store)',
      run: (c) => { c.store({ cell: 'elem', bucket: c.v.b!, i: c.v.i! }, 0); c.goto('emptyOne'); },
    },
    emptyOne: {
      line: 762, text: 'b.tophash[i] = emptyOne (store)',
      run: (c) => {
        c.store({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! }, EMPTY_ONE);
        c.goto(c.v.i === c.cfg.bucketCnt - 1 ? 'lastOverflow' : 'nextCell');
      },
    },
    lastOverflow: {
      line: 768, text: 'if b.overflow(t) != nil (load)',
      run: (c) => {
        c.v.ovf = c.load({ overflowOf: c.v.b! });
        c.goto(c.v.ovf === NIL ? 'markRest' : 'lastOverflowTop');
      },
    },
    lastOverflowTop: {
      line: 768, text: 'b.overflow(t).tophash[0] != emptyRest (load)',
      run: (c) => c.goto(c.load({ cell: 'tophash', bucket: c.v.ovf!, i: 0 }) !== EMPTY_REST ? 'countLoad' : 'markRest'),
    },
    nextCell: {
      line: 772, text: 'if b.tophash[i+1] != emptyRest (load)',
      run: (c) => c.goto(c.load({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! + 1 }) !== EMPTY_REST ? 'countLoad' : 'markRest'),
    },
    markRest: {
      line: 777, text: 'b.tophash[i] = emptyRest (store)',
      run: (c) => { c.store({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! }, EMPTY_REST); emptyRestLoop(c); },
    },
    findPrev: {
      line: 784, text: 'for b = bOrig; b.overflow(t) != c; b = b.overflow(t) (load)',
      run: (c) => {
        const next = c.load({ overflowOf: c.v.b! });
        if (next === c.v.c) {
          c.v.i = c.cfg.bucketCnt - 1;
          return c.goto('restCheck');
        }
        c.v.b = next;
        c.goto('findPrev');
      },
    },
    restCheck: {
      line: 790, text: 'if b.tophash[i] != emptyOne (load)',
      run: (c) => c.goto(c.load({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! }) !== EMPTY_ONE ? 'countLoad' : 'markRest'),
    },
    countLoad: {
      line: 795, text: 'h.count-- (load)',
      run: (c) => { c.v.count = c.load({ field: 'count' }); c.goto('countStore'); },
    },
    countStore: {
      line: 795, text: 'h.count-- (store)',
      // 798-800 reseed hash0 when count reaches 0: the seed is not modelled (see state.ts).
      run: (c) => { c.store({ field: 'count' }, c.v.count! - 1); c.goto('endCheck'); },
    },
    ...closeWriteWindow(805, 808, (c) => c.finish({ kind: 'none' })),
  },
};

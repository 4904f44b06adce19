/**
 * A `for k, v := range m` loop as steps: mapiterinit and mapiternext (runtime/map.go), yielding
 * each pair, with the iterator's checks against growth and the concurrent-write fatal.
 */
import {
  EVACUATED_EMPTY, EVACUATED_X, EVACUATED_Y, FATAL_ITER_WRITE, HASH_WRITING, isEmpty, isEvacuatedMark,
  ITERATOR, NIL, OLD_ITERATOR, SAME_SIZE_GROW,
} from '../constants.js';
import type { Ctx } from '../ctx.js';
import type { GoFunction } from '../program.js';
import { maskBelow, noldbuckets } from './shared.js';

/** it.checkBucket == noCheck. */
const NO_CHECK = -1;

function skipCell(c: Ctx): void {
  c.v.i = c.v.i! + 1;
  c.goto('cell');
}

/**
 * `for k, v := range m {}`: mapiterinit (map.go:815-864), then mapiternext (866-990) once per
 * pair, with the loop body copying *it.key and *it.elem. The hiter lives in this frame's locals.
 * The random start (startBucket, offset from fastrand, 844-852) is fixed at bucket 0, offset 0:
 * the result is compared as a set of pairs, and every start explores the same kinds of races.
 */
export const RANGE: GoFunction = {
  name: 'range', file: 'map.go', entry: 'count', pointerVars: ['itbuckets', 'b', 'keyb', 'retb'], keyVars: ['yk'], topVars: ['top'],
  points: {
    count: {
      fn: 'mapiterinit', line: 822, text: 'if h == nil || h.count == 0 (load)',
      run: (c) => (c.load({ field: 'count' }) === 0 ? c.finish({ kind: 'pairs', pairs: [] }) : c.goto('B')),
    },
    B: {
      fn: 'mapiterinit', line: 832, text: 'it.B = h.B (load)',
      run: (c) => { c.v.itB = c.load({ field: 'B' }); c.goto('buckets'); },
    },
    buckets: {
      fn: 'mapiterinit', line: 833, text: 'it.buckets = h.buckets (load)',
      run: (c) => { c.v.itbuckets = c.load({ field: 'buckets' }); c.goto('createOverflow'); },
    },
    createOverflow: {
      fn: 'mapiterinit', line: 278, text: 'createOverflow: if h.extra.overflow == nil (load)',
      run: (c) => c.goto(c.load({ field: 'extra.overflow' }) ? 'oldOverflow' : 'newList'),
    },
    newList: {
      fn: 'mapiterinit', line: 279, text: 'createOverflow: h.extra.overflow = new([]*bmap) (store)',
      run: (c) => { c.store({ field: 'extra.overflow' }, 1); c.goto('oldOverflow'); },
    },
    oldOverflow: {
      fn: 'mapiterinit', line: 841, text: 'it.oldoverflow = h.extra.oldoverflow (load)',
      run: (c) => { c.load({ field: 'extra.oldoverflow' }); c.goto('flags'); },
    },
    flags: {
      fn: 'mapiterinit', line: 859, text: 'if old := h.flags; old&(iterator|oldIterator) != iterator|oldIterator (load)',
      run: (c) => {
        const both = ITERATOR | OLD_ITERATOR;
        c.v.bucket = 0;
        c.v.b = NIL;
        c.v.i = 0;
        c.v.wrapped = 0;
        c.v.check = NO_CHECK;
        c.goto((c.load({ field: 'flags' }) & both) !== both ? 'or8' : 'next');
      },
    },
    or8: {
      fn: 'mapiterinit', line: 860, text: 'atomic.Or8(&h.flags, iterator|oldIterator) (atomic)',
      run: (c) => { c.atomicOr('flags', ITERATOR | OLD_ITERATOR); c.goto('next'); },
    },
    next: {
      fn: 'mapiternext', line: 872, text: 'if h.flags&hashWriting != 0 (load)',
      run: (c) => {
        if (c.load({ field: 'flags' }) & HASH_WRITING) c.crash({ kind: 'fatal', message: FATAL_ITER_WRITE });
        else c.goto('top');
      },
    },
    top: {
      fn: 'mapiternext', line: 882, text: 'if b == nil', silent: true,
      run: (c) => {
        if (c.v.b !== NIL) return c.goto('cell');
        if (c.v.bucket === 0 && c.v.wrapped) return c.finish({ kind: 'pairs', pairs: [] });
        c.goto('growing');
      },
    },
    growing: {
      fn: 'mapiternext', line: 889, text: 'if h.growing() && it.B == h.B (load oldbuckets)',
      run: (c) => c.goto(c.load({ field: 'oldbuckets' }) === NIL ? 'plainBucket' : 'growingB'),
    },
    growingB: {
      fn: 'mapiternext', line: 889, text: 'if h.growing() && it.B == h.B (load B)',
      run: (c) => c.goto(c.load({ field: 'B' }) === c.v.itB ? 'oldmaskB' : 'plainBucket'),
    },
    oldmaskB: {
      fn: 'mapiternext', line: 1116, text: 'oldbucket := bucket & it.h.oldbucketmask(): h.B (load)',
      run: (c) => { c.v.B = c.load({ field: 'B' }); c.goto('oldmaskFlags'); },
    },
    oldmaskFlags: {
      fn: 'mapiternext', line: 1117, text: 'oldbucketmask(): if !h.sameSizeGrow() (load flags)',
      run: (c) => {
        c.v.oldbucket = maskBelow(c.v.bucket!, noldbuckets(c.v.B!, c.load({ field: 'flags' })));
        c.goto('oldb');
      },
    },
    oldb: {
      fn: 'mapiternext', line: 895, text: 'b = h.oldbuckets + oldbucket (load)',
      run: (c) => { c.v.b = c.ptr(c.load({ field: 'oldbuckets' }), c.v.oldbucket!); c.goto('oldEvacuated'); },
    },
    oldEvacuated: {
      fn: 'mapiternext', line: 896, text: 'if !evacuated(b) (load b.tophash[0])',
      run: (c) => {
        if (!isEvacuatedMark(c.load({ cell: 'tophash', bucket: c.v.b!, i: 0 }))) {
          c.v.check = c.v.bucket!;
        } else {
          c.v.b = c.ptr(c.v.itbuckets!, c.v.bucket!);
          c.v.check = NO_CHECK;
        }
        c.goto('advance');
      },
    },
    plainBucket: {
      fn: 'mapiternext', line: 903, text: 'b = it.buckets + bucket', silent: true,
      run: (c) => {
        c.v.b = c.ptr(c.v.itbuckets!, c.v.bucket!);
        c.v.check = NO_CHECK;
        c.goto('advance');
      },
    },
    advance: {
      fn: 'mapiternext', line: 906, text: 'bucket++', silent: true,
      run: (c) => {
        c.v.bucket = c.v.bucket! + 1;
        if (c.v.bucket === 2 ** c.v.itB!) {
          c.v.bucket = 0;
          c.v.wrapped = 1;
        }
        c.v.i = 0;
        c.goto('cell');
      },
    },
    cell: {
      fn: 'mapiternext', line: 913, text: 'for ; i < bucketCnt; i++', silent: true,
      run: (c) => c.goto(c.v.i! < c.cfg.bucketCnt ? 'cellTophash' : 'overflow'),
    },
    cellTophash: {
      fn: 'mapiternext', line: 915, text: 'if isEmpty(b.tophash[offi]) || b.tophash[offi] == evacuatedEmpty (load)',
      run: (c) => {
        c.v.top = c.load({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! });
        if (isEmpty(c.v.top) || c.v.top === EVACUATED_EMPTY) skipCell(c);
        else c.goto(c.v.check !== NO_CHECK ? 'checkSameSize' : 'golden');
      },
    },
    checkSameSize: {
      fn: 'mapiternext', line: 925, text: 'if checkBucket != noCheck && !h.sameSizeGrow() (load flags)',
      run: (c) => c.goto(c.load({ field: 'flags' }) & SAME_SIZE_GROW ? 'golden' : 'checkHash'),
    },
    checkHash: {
      fn: 'mapiternext', line: 936, text: 'hash := t.hasher(k, uintptr(h.hash0)) (load key)',
      run: (c) => {
        const k = c.load({ cell: 'key', bucket: c.v.b!, i: c.v.i! });
        const hash = k >= 0 ? c.hash(k) : 0;
        if ((hash & c.bucketMask(c.v.itB!)) !== c.v.check) skipCell(c);
        else c.goto('golden');
      },
    },
    golden: {
      fn: 'mapiternext', line: 953, text: 'if b.tophash[offi] != evacuatedX && != evacuatedY', silent: true,
      run: (c) => {
        if (c.v.top !== EVACUATED_X && c.v.top !== EVACUATED_Y) {
          c.v.keyb = c.v.b!;
          c.v.keyi = c.v.i!;
          c.v.i = c.v.i! + 1;
          return c.goto('bodyKey');
        }
        c.call('mapaccessK', { keyb: c.v.b!, keyi: c.v.i! }, 'relookedUp');
      },
    },
    relookedUp: {
      fn: 'mapiternext', line: 973, text: 'if rk == nil', silent: true,
      run: (c) => {
        c.v.i = c.v.i! + 1;
        if (c.v.retb === NIL) return c.goto('cell');
        c.v.keyb = c.v.retb!;
        c.v.keyi = c.v.reti!;
        c.goto('bodyKey');
      },
    },
    bodyKey: {
      fn: 'range body', line: 959, text: 'k := *it.key (load)',
      run: (c) => { c.v.yk = c.load({ cell: 'key', bucket: c.v.keyb!, i: c.v.keyi! }); c.goto('bodyElem'); },
    },
    bodyElem: {
      fn: 'range body', line: 963, text: 'v := *it.elem (load)',
      run: (c) => {
        c.yielded = [c.v.yk!, c.load({ cell: 'elem', bucket: c.v.keyb!, i: c.v.keyi! })];
        c.goto('next');
      },
    },
    overflow: {
      fn: 'mapiternext', line: 987, text: 'b = b.overflow(t) (load)',
      run: (c) => {
        c.v.b = c.load({ overflowOf: c.v.b! });
        c.v.i = 0;
        c.goto('top');
      },
    },
  },
};

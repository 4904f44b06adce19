import {
  EVACUATED_EMPTY, EVACUATED_X, isEmpty, isEvacuatedMark, ITERATOR, MIN_TOPHASH, NIL, OLD_ITERATOR,
  SAME_SIZE_GROW, THROW_BAD_MAP_STATE, THROW_OLDOVERFLOW,
} from '../constants.js';
import type { GoFunction } from '../program.js';
import { maskBelow, noldbuckets, nextCell, overLoadFactor } from './shared.js';

/** Loads then stores one hmap field, as a plain `h.f op= x` does: two steps. */
function plainUpdate(line: number, field: 'flags' | 'B' | 'noverflow' | 'nevacuate', text: string,
  change: (old: number, v: Record<string, number>) => number, then: string, loadPc: string, storePc: string) {
  return {
    [loadPc]: {
      line, text: `${text} (load)`,
      run: (c: import('../ctx.js').Ctx) => {
        c.v.old = c.load({ field });
        c.goto(storePc);
      },
    },
    [storePc]: {
      line, text: `${text} (store)`,
      run: (c: import('../ctx.js').Ctx) => {
        c.store({ field }, change(c.v.old!, c.v));
        c.goto(then);
      },
    },
  };
}

/** hashGrow (map.go:1041-1082): allocate, then commit with six plain stores. */
export const HASH_GROW: GoFunction = {
  name: 'hashGrow', file: 'map.go', entry: 'count', pointerVars: ['oldb', 'newb'],
  points: {
    count: {
      line: 1046, text: 'if !overLoadFactor(h.count+1, h.B) (load count)',
      run: (c) => { c.v.count = c.load({ field: 'count' }); c.goto('B'); },
    },
    B: {
      line: 1046, text: 'if !overLoadFactor(h.count+1, h.B) (load B)',
      run: (c) => {
        c.v.bigger = overLoadFactor(c, c.v.count! + 1, c.load({ field: 'B' })) ? 1 : 0;
        c.goto(c.v.bigger ? 'oldbuckets' : 'sameLoad');
      },
    },
    ...plainUpdate(1048, 'flags', 'h.flags |= sameSizeGrow', (f) => f | SAME_SIZE_GROW, 'oldbuckets', 'sameLoad', 'sameStore'),
    oldbuckets: {
      line: 1050, text: 'oldbuckets := h.buckets (load)',
      run: (c) => { c.v.oldb = c.load({ field: 'buckets' }); c.goto('makeArray'); },
    },
    makeArray: {
      line: 1051, text: 'makeBucketArray(t, h.B+bigger, nil) (load B)',
      run: (c) => {
        const B = c.load({ field: 'B' });
        c.v.newb = c.alloc(2 ** ((B + c.v.bigger!) & 63));
        c.goto('flags');
      },
    },
    flags: {
      line: 1053, text: 'flags := h.flags &^ (iterator | oldIterator) (load)',
      run: (c) => {
        const f = c.load({ field: 'flags' });
        c.v.newflags = (f & ~(ITERATOR | OLD_ITERATOR)) | (f & ITERATOR ? OLD_ITERATOR : 0);
        c.goto('BLoad');
      },
    },
    ...plainUpdate(1058, 'B', 'h.B += bigger', (B, v) => (B + v.bigger!) & 0xff, 'storeFlags', 'BLoad', 'BStore'),
    storeFlags: {
      line: 1059, text: 'h.flags = flags (store)',
      run: (c) => { c.store({ field: 'flags' }, c.v.newflags!); c.goto('storeOld'); },
    },
    storeOld: {
      line: 1060, text: 'h.oldbuckets = oldbuckets (store)',
      run: (c) => { c.store({ field: 'oldbuckets' }, c.v.oldb!); c.goto('storeNew'); },
    },
    storeNew: {
      line: 1061, text: 'h.buckets = newbuckets (store)',
      run: (c) => { c.store({ field: 'buckets' }, c.v.newb!); c.goto('storeNevacuate'); },
    },
    storeNevacuate: {
      line: 1062, text: 'h.nevacuate = 0 (store)',
      run: (c) => { c.store({ field: 'nevacuate' }, 0); c.goto('storeNoverflow'); },
    },
    storeNoverflow: {
      line: 1063, text: 'h.noverflow = 0 (store)',
      run: (c) => { c.store({ field: 'noverflow' }, 0); c.goto('extraOverflow'); },
    },
    extraOverflow: {
      line: 1065, text: 'if h.extra != nil && h.extra.overflow != nil (load)',
      run: (c) => (c.load({ field: 'extra.overflow' }) ? c.goto('extraOld') : c.ret()),
    },
    extraOld: {
      line: 1067, text: 'if h.extra.oldoverflow != nil (load)',
      run: (c) => {
        if (c.load({ field: 'extra.oldoverflow' })) c.crash({ kind: 'throw', message: THROW_OLDOVERFLOW });
        else c.goto('promoteOld');
      },
    },
    promoteOld: {
      line: 1070, text: 'h.extra.oldoverflow = h.extra.overflow (store)',
      run: (c) => { c.store({ field: 'extra.oldoverflow' }, 1); c.goto('dropOverflow'); },
    },
    dropOverflow: {
      line: 1071, text: 'h.extra.overflow = nil (store)',
      run: (c) => { c.store({ field: 'extra.overflow' }, 0); c.ret(); },
    },
  },
};

/** growWork (map.go:1128-1137): evacuate the bucket about to be used, then one more. */
export const GROW_WORK: GoFunction = {
  name: 'growWork', file: 'map.go', entry: 'B', pointerVars: [],
  points: {
    B: {
      line: 1116, text: 'oldbucketmask(): oldB := h.B (load)',
      run: (c) => { c.v.B = c.load({ field: 'B' }); c.goto('sameSize'); },
    },
    sameSize: {
      line: 1117, text: 'oldbucketmask(): if !h.sameSizeGrow() (load flags)',
      run: (c) => {
        const n = noldbuckets(c.v.B!, c.load({ field: 'flags' }));
        c.call('evacuate', { oldbucket: maskBelow(c.v.bucket!, n) }, 'growing');
      },
    },
    growing: {
      line: 1134, text: 'if h.growing() (load oldbuckets)',
      run: (c) => (c.load({ field: 'oldbuckets' }) !== NIL ? c.goto('nevacuate') : c.ret()),
    },
    nevacuate: {
      line: 1135, text: 'evacuate(t, h, h.nevacuate) (load)',
      run: (c) => c.call('evacuate', { oldbucket: c.load({ field: 'nevacuate' }) }, 'done'),
    },
    done: { line: 1137, text: 'return', silent: true, run: (c) => c.ret() },
  },
};

/** newoverflow (map.go:246-272) with incrnoverflow (227-244) and createOverflow (274-281). */
export const NEW_OVERFLOW: GoFunction = {
  name: 'newoverflow', file: 'map.go', entry: 'B', pointerVars: ['b', 'ovf', 'ret'],
  points: {
    B: {
      line: 231, text: 'incrnoverflow: if h.B < 16 (load)',
      run: (c) => {
        c.v.ovf = c.alloc(1); // newobject(t.bucket), line 263: private until linked at 270
        c.load({ field: 'B' });
        c.goto('incLoad');
      },
    },
    ...plainUpdate(232, 'noverflow', 'incrnoverflow: h.noverflow++', (n) => (n + 1) & 0xffff, 'createOverflow', 'incLoad', 'incStore'),
    createOverflow: {
      line: 278, text: 'createOverflow: if h.extra.overflow == nil (load)',
      run: (c) => c.goto(c.load({ field: 'extra.overflow' }) ? 'link' : 'newList'),
    },
    newList: {
      line: 279, text: 'createOverflow: h.extra.overflow = new([]*bmap) (store)',
      run: (c) => { c.store({ field: 'extra.overflow' }, 1); c.goto('link'); },
    },
    link: {
      line: 270, text: 'b.setoverflow(t, ovf) (store)',
      run: (c) => { c.store({ overflowOf: c.v.b! }, c.v.ovf!); c.ret(c.v.ovf!); },
    },
  },
};

/** evacuate (map.go:1152-1264): move one old bucket's chain to the X/Y halves. */
export const EVACUATE: GoFunction = {
  name: 'evacuate', file: 'map.go', entry: 'oldbuckets', pointerVars: ['b', 'xb', 'yb', 'bk', 'ret'], valueVars: ['e'], keyVars: ['k'], topVars: ['top'],
  points: {
    oldbuckets: {
      line: 1153, text: 'b := h.oldbuckets + oldbucket (load)',
      run: (c) => { c.v.b = c.ptr(c.load({ field: 'oldbuckets' }), c.v.oldbucket!); c.goto('B'); },
    },
    B: {
      line: 1116, text: 'newbit := h.noldbuckets(): oldB := h.B (load)',
      run: (c) => { c.v.B = c.load({ field: 'B' }); c.goto('sameSizeNewbit'); },
    },
    sameSizeNewbit: {
      line: 1117, text: 'newbit := h.noldbuckets(): if !h.sameSizeGrow() (load flags)',
      run: (c) => { c.v.newbit = noldbuckets(c.v.B!, c.load({ field: 'flags' })); c.goto('evacuated'); },
    },
    evacuated: {
      line: 1155, text: 'if !evacuated(b) (load b.tophash[0])',
      run: (c) => c.goto(isEvacuatedMark(c.load({ cell: 'tophash', bucket: c.v.b!, i: 0 })) ? 'mark' : 'xBuckets'),
    },
    xBuckets: {
      line: 1162, text: 'x.b = h.buckets + oldbucket (load)',
      run: (c) => {
        c.v.bk = c.load({ field: 'buckets' });
        c.v.xb = c.ptr(c.v.bk, c.v.oldbucket!);
        c.v.xi = 0;
        c.goto('ySameSize');
      },
    },
    ySameSize: {
      line: 1166, text: 'if !h.sameSizeGrow() (load flags)',
      run: (c) => {
        const same = c.load({ field: 'flags' }) & SAME_SIZE_GROW;
        // y.b = h.buckets + oldbucket+newbit (1170): the compiler reuses the load from 1162.
        c.v.yb = same ? NIL : c.ptr(c.v.bk!, c.v.oldbucket! + c.v.newbit!);
        c.v.yi = 0;
        c.v.i = 0;
        c.goto('tophash');
      },
    },
    tophash: {
      line: 1179, text: 'top := b.tophash[i] (load)',
      run: (c) => {
        c.v.top = c.load({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! });
        if (isEmpty(c.v.top)) c.goto('markEmpty');
        else if (c.v.top < MIN_TOPHASH) c.crash({ kind: 'throw', message: THROW_BAD_MAP_STATE });
        else c.goto('sameSizeCell');
      },
    },
    markEmpty: {
      line: 1181, text: 'b.tophash[i] = evacuatedEmpty (store)',
      run: (c) => {
        c.store({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! }, EVACUATED_EMPTY);
        nextCell(c, 'tophash', 'overflow');
      },
    },
    sameSizeCell: {
      line: 1192, text: 'if !h.sameSizeGrow() (load flags)',
      run: (c) => {
        c.v.useY = 0;
        c.goto(c.load({ field: 'flags' }) & SAME_SIZE_GROW ? 'markMoved' : 'hashKey');
      },
    },
    hashKey: {
      line: 1195, text: 'hash := t.hasher(k2, uintptr(h.hash0)) (load key)',
      run: (c) => {
        const k = c.load({ cell: 'key', bucket: c.v.b!, i: c.v.i! });
        c.v.useY = k >= 0 && c.hash(k) & c.v.newbit! ? 1 : 0;
        c.goto('iteratorCheck');
      },
    },
    iteratorCheck: {
      line: 1196, text: 'if h.flags&iterator != 0 && !t.reflexivekey() (load flags)',
      // Integer keys are reflexive, so the value read never changes the X/Y choice.
      run: (c) => { c.load({ field: 'flags' }); c.goto('markMoved'); },
    },
    markMoved: {
      line: 1221, text: 'b.tophash[i] = evacuatedX + useY (store)',
      run: (c) => {
        c.store({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! }, EVACUATED_X + c.v.useY!);
        c.goto('dstFull');
      },
    },
    dstFull: {
      line: 1224, text: 'if dst.i == bucketCnt', silent: true,
      run: (c) => {
        const [db, di] = c.v.useY ? [c.v.yb!, c.v.yi!] : [c.v.xb!, c.v.xi!];
        if (di === c.cfg.bucketCnt) c.call('newoverflow', { b: db }, 'dstNew');
        else c.goto('dstTophash');
      },
    },
    dstNew: {
      line: 1225, text: 'dst.b = h.newoverflow(t, dst.b)', silent: true,
      run: (c) => {
        if (c.v.useY) { c.v.yb = c.v.ret!; c.v.yi = 0; } else { c.v.xb = c.v.ret!; c.v.xi = 0; }
        c.goto('dstTophash');
      },
    },
    dstTophash: {
      line: 1230, text: 'dst.b.tophash[dst.i] = top (store)',
      run: (c) => {
        const [db, di] = c.v.useY ? [c.v.yb!, c.v.yi!] : [c.v.xb!, c.v.xi!];
        c.store({ cell: 'tophash', bucket: db, i: di }, c.v.top!);
        c.goto('keyLoad');
      },
    },
    keyLoad: {
      line: 1234, text: 'typedmemmove(t.key, dst.k, k) (load)',
      run: (c) => { c.v.k = c.load({ cell: 'key', bucket: c.v.b!, i: c.v.i! }); c.goto('keyStore'); },
    },
    keyStore: {
      line: 1234, text: 'typedmemmove(t.key, dst.k, k) (store)',
      run: (c) => {
        const [db, di] = c.v.useY ? [c.v.yb!, c.v.yi!] : [c.v.xb!, c.v.xi!];
        c.store({ cell: 'key', bucket: db, i: di }, c.v.k!);
        c.goto('elemLoad');
      },
    },
    elemLoad: {
      line: 1239, text: 'typedmemmove(t.elem, dst.e, e) (load)',
      run: (c) => { c.v.e = c.load({ cell: 'elem', bucket: c.v.b!, i: c.v.i! }); c.goto('elemStore'); },
    },
    elemStore: {
      line: 1239, text: 'typedmemmove(t.elem, dst.e, e) (store)',
      run: (c) => {
        const [db, di] = c.v.useY ? [c.v.yb!, c.v.yi!] : [c.v.xb!, c.v.xi!];
        c.store({ cell: 'elem', bucket: db, i: di }, c.v.e!);
        if (c.v.useY) c.v.yi = di + 1; else c.v.xi = di + 1;
        nextCell(c, 'tophash', 'overflow');
      },
    },
    overflow: {
      line: 1175, text: 'b = b.overflow(t) (load)',
      run: (c) => {
        c.v.b = c.load({ overflowOf: c.v.b! });
        c.v.i = 0;
        c.goto(c.v.b === NIL ? 'unlinkCheck' : 'tophash');
      },
    },
    unlinkCheck: {
      line: 1251, text: 'if h.flags&oldIterator == 0 && t.bucket.ptrdata != 0 (load flags)',
      // Buckets of int keys and elems hold no pointers: nothing is cleared whatever flags says.
      run: (c) => { c.load({ field: 'flags' }); c.goto('mark'); },
    },
    mark: {
      line: 1261, text: 'if oldbucket == h.nevacuate (load)',
      run: (c) => {
        if (c.load({ field: 'nevacuate' }) === c.v.oldbucket) c.call('advanceEvacuationMark', { newbit: c.v.newbit! }, 'done');
        else c.ret();
      },
    },
    done: { line: 1264, text: 'return', silent: true, run: (c) => c.ret() },
  },
};

/** advanceEvacuationMark (map.go:1266-1288): move nevacuate past evacuated buckets; finish the grow. */
export const ADVANCE_EVACUATION_MARK: GoFunction = {
  name: 'advanceEvacuationMark', file: 'map.go', entry: 'incLoad', pointerVars: ['ob'],
  points: {
    incLoad: {
      line: 1267, text: 'h.nevacuate++ (load)',
      run: (c) => { c.v.n = c.load({ field: 'nevacuate' }); c.goto('incStore'); },
    },
    incStore: {
      line: 1267, text: 'h.nevacuate++ (store)',
      run: (c) => {
        c.store({ field: 'nevacuate' }, c.v.n! + 1);
        // stop := h.nevacuate + 1024 (1270): the compiler forwards the value just stored.
        c.v.stop = Math.min(c.v.n! + 1 + 1024, c.v.newbit!);
        c.goto('loop');
      },
    },
    loop: {
      line: 1274, text: 'for h.nevacuate != stop (load)',
      run: (c) => {
        c.v.n = c.load({ field: 'nevacuate' });
        c.goto(c.v.n === c.v.stop ? 'finished' : 'oldbuckets');
      },
    },
    oldbuckets: {
      line: 1140, text: 'bucketEvacuated: b := h.oldbuckets + bucket (load)',
      run: (c) => { c.v.ob = c.ptr(c.load({ field: 'oldbuckets' }), c.v.n!); c.goto('evacuated'); },
    },
    evacuated: {
      line: 1141, text: 'bucketEvacuated: evacuated(b) (load b.tophash[0])',
      run: (c) => c.goto(isEvacuatedMark(c.load({ cell: 'tophash', bucket: c.v.ob!, i: 0 })) ? 'step' : 'finished'),
    },
    step: {
      line: 1275, text: 'h.nevacuate++ (store)',
      // The ++'s load is the loop condition's, with no store in between.
      run: (c) => { c.store({ field: 'nevacuate' }, c.v.n! + 1); c.goto('loop'); },
    },
    finished: {
      line: 1277, text: 'if h.nevacuate == newbit', silent: true,
      // Reuses the loop's last load of nevacuate: no store since.
      run: (c) => (c.v.n === c.v.newbit ? c.goto('dropOld') : c.ret()),
    },
    dropOld: {
      line: 1279, text: 'h.oldbuckets = nil (store)',
      run: (c) => { c.store({ field: 'oldbuckets' }, NIL); c.goto('dropOldOverflow'); },
    },
    dropOldOverflow: {
      line: 1284, text: 'h.extra.oldoverflow = nil (store)',
      run: (c) => { c.store({ field: 'extra.oldoverflow' }, 0); c.goto('sameLoad'); },
    },
    ...plainUpdate(1286, 'flags', 'h.flags &^= sameSizeGrow', (f) => f & ~SAME_SIZE_GROW, 'done', 'sameLoad', 'sameStore'),
    done: { line: 1288, text: 'return', silent: true, run: (c) => c.ret() },
  },
};

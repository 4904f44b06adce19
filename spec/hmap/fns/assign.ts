import { EMPTY_REST, isEmpty, NIL } from '../constants.js';
import type { GoFunction } from '../program.js';
import { closeWriteWindow, nextCell, openWriteWindow, overLoadFactor, tooManyOverflowBuckets } from './shared.js';

/**
 * mapassign (map.go:578-693) followed by the caller's value store. `m[k] = v` compiles to
 * `*mapassign(t, h, &k) = v` (cmd/compile/internal/walk), so the value is written after
 * mapassign has closed its write window (A12 in the reference).
 */
export const MAPASSIGN: GoFunction = {
  name: 'mapassign',
  file: 'map.go',
  entry: 'checkWriting',
  pointerVars: ['b', 'insb', 'elemb', 'retb', 'ret'],
  valueVars: ['value'],
  keyVars: ['key'],
  points: {
    ...openWriteWindow(594, 601, 'bucketsNil'),
    bucketsNil: {
      line: 603, text: 'if h.buckets == nil (load)',
      run: (c) => c.goto(c.load({ field: 'buckets' }) === NIL ? 'allocBuckets' : 'again'),
    },
    allocBuckets: {
      line: 604, text: 'h.buckets = newobject(t.bucket) (store)',
      run: (c) => {
        c.store({ field: 'buckets' }, c.alloc(1));
        c.goto('again');
      },
    },
    again: {
      line: 608, text: 'bucket := hash & bucketMask(h.B) (load)',
      run: (c) => {
        c.v.bucket = c.hash(c.v.key!) & c.bucketMask(c.load({ field: 'B' }));
        c.goto('growing');
      },
    },
    growing: {
      line: 609, text: 'if h.growing() (load oldbuckets)',
      run: (c) => {
        if (c.load({ field: 'oldbuckets' }) !== NIL) c.call('growWork', { bucket: c.v.bucket! }, 'bucketLoad');
        else c.goto('bucketLoad');
      },
    },
    bucketLoad: {
      line: 612, text: 'b := h.buckets + bucket (load)',
      run: (c) => {
        c.v.b = c.ptr(c.load({ field: 'buckets' }), c.v.bucket!);
        c.v.i = 0;
        c.v.insb = NIL;
        c.v.insi = 0;
        c.goto('tophash');
      },
    },
    tophash: {
      line: 621, text: 'if b.tophash[i] != top (load)',
      run: (c) => {
        const top = c.load({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! });
        if (top === c.top(c.v.key!)) return c.goto('key');
        if (isEmpty(top) && c.v.insb === NIL) {
          c.v.insb = c.v.b!;
          c.v.insi = c.v.i!;
        }
        if (top === EMPTY_REST) c.goto('notFound');
        else nextCell(c, 'tophash', 'overflow');
      },
    },
    key: {
      line: 636, text: 'if !t.key.equal(key, k) (load key)',
      run: (c) => {
        if (c.load({ cell: 'key', bucket: c.v.b!, i: c.v.i! }) !== c.v.key) return nextCell(c, 'tophash', 'overflow');
        c.v.elemb = c.v.b!;
        c.v.elemi = c.v.i!;
        c.goto('endCheck');
      },
    },
    overflow: {
      line: 646, text: 'ovf := b.overflow(t) (load)',
      run: (c) => {
        const ovf = c.load({ overflowOf: c.v.b! });
        if (ovf === NIL) return c.goto('notFound');
        c.v.b = ovf;
        c.v.i = 0;
        c.goto('tophash');
      },
    },
    notFound: {
      line: 657, text: 'if !h.growing() && ... (load oldbuckets)',
      run: (c) => c.goto(c.load({ field: 'oldbuckets' }) === NIL ? 'loadCount' : 'needOverflow'),
    },
    loadCount: {
      line: 657, text: 'overLoadFactor(h.count+1, h.B) (load count)',
      run: (c) => {
        c.v.count = c.load({ field: 'count' });
        c.goto('loadB');
      },
    },
    loadB: {
      line: 657, text: 'overLoadFactor(h.count+1, h.B) (load B)',
      run: (c) => {
        c.v.B = c.load({ field: 'B' });
        if (overLoadFactor(c, c.v.count! + 1, c.v.B)) c.call('hashGrow', {}, 'again');
        else c.goto('loadNoverflow');
      },
    },
    loadNoverflow: {
      line: 657, text: 'tooManyOverflowBuckets(h.noverflow, h.B) (load noverflow)',
      run: (c) => {
        if (tooManyOverflowBuckets(c.load({ field: 'noverflow' }), c.v.B!)) c.call('hashGrow', {}, 'again');
        else c.goto('needOverflow');
      },
    },
    needOverflow: {
      line: 662, text: 'if inserti == nil', silent: true,
      run: (c) => (c.v.insb === NIL ? c.call('newoverflow', { b: c.v.b! }, 'gotOverflow') : c.goto('storeKey')),
    },
    gotOverflow: {
      line: 664, text: 'newb := h.newoverflow(t, b)', silent: true,
      run: (c) => {
        c.v.insb = c.v.ret!;
        c.v.insi = 0;
        c.goto('storeKey');
      },
    },
    storeKey: {
      line: 680, text: 'typedmemmove(t.key, insertk, key) (store)',
      run: (c) => {
        c.store({ cell: 'key', bucket: c.v.insb!, i: c.v.insi! }, c.v.key!);
        c.goto('storeTophash');
      },
    },
    storeTophash: {
      line: 681, text: '*inserti = top (store)',
      run: (c) => {
        c.store({ cell: 'tophash', bucket: c.v.insb!, i: c.v.insi! }, c.top(c.v.key!));
        c.v.elemb = c.v.insb!;
        c.v.elemi = c.v.insi!;
        c.goto('countLoad');
      },
    },
    countLoad: {
      line: 682, text: 'h.count++ (load)',
      run: (c) => {
        c.v.count = c.load({ field: 'count' });
        c.goto('countStore');
      },
    },
    countStore: {
      line: 682, text: 'h.count++ (store)',
      run: (c) => {
        c.store({ field: 'count' }, c.v.count! + 1);
        c.goto('endCheck');
      },
    },
    ...closeWriteWindow(685, 688, (c) => c.goto('storeValue')),
    storeValue: {
      line: 692, text: 'return elem; caller stores *elem = v (store)',
      run: (c) => {
        c.store({ cell: 'elem', bucket: c.v.elemb!, i: c.v.elemi! }, c.v.value!);
        c.finish({ kind: 'none' });
      },
    },
  },
};

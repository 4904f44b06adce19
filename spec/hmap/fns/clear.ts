import { NIL, SAME_SIZE_GROW } from '../constants.js';
import type { Field } from '../locations.js';
import type { GoFunction, Point } from '../program.js';
import { closeWriteWindow, openWriteWindow } from './shared.js';

function storeField(line: number, field: Field, value: number, text: string, then: string): Point {
  return { line, text: `${text} (store)`, run: (c) => { c.store({ field }, value); c.goto(then); } };
}

/**
 * mapclear (map.go:993-1039), which the compiler emits for `for k := range m { delete(m, k) }`.
 * The buckets are cleared in place, one bucket per step; B is kept.
 */
export const MAPCLEAR: GoFunction = {
  name: 'mapclear', file: 'map.go', entry: 'count', pointerVars: ['bk'],
  points: {
    count: {
      line: 1000, text: 'if h == nil || h.count == 0 (load)',
      run: (c) => (c.load({ field: 'count' }) === 0 ? c.finish({ kind: 'none' }) : c.goto('checkWriting')),
    },
    ...openWriteWindow(1004, 1008, 'sameLoad'),
    sameLoad: {
      line: 1010, text: 'h.flags &^= sameSizeGrow (load)',
      run: (c) => { c.v.flags = c.load({ field: 'flags' }); c.goto('sameStore'); },
    },
    sameStore: {
      line: 1010, text: 'h.flags &^= sameSizeGrow (store)',
      run: (c) => { c.store({ field: 'flags' }, c.v.flags! & ~SAME_SIZE_GROW); c.goto('oldbuckets'); },
    },
    oldbuckets: storeField(1011, 'oldbuckets', NIL, 'h.oldbuckets = nil', 'nevacuate'),
    nevacuate: storeField(1012, 'nevacuate', 0, 'h.nevacuate = 0', 'noverflow'),
    noverflow: storeField(1013, 'noverflow', 0, 'h.noverflow = 0', 'count0'),
    // 1018 reseeds hash0: the seed is not modelled (see state.ts).
    count0: storeField(1014, 'count', 0, 'h.count = 0', 'extraOverflow'),
    extraOverflow: storeField(1022, 'extra.overflow', 0, '*h.extra = mapextra{}: overflow', 'extraOld'),
    extraOld: storeField(1022, 'extra.oldoverflow', 0, '*h.extra = mapextra{}: oldoverflow', 'B'),
    B: {
      line: 1028, text: 'makeBucketArray(t, h.B, h.buckets) (load B)',
      run: (c) => { c.v.n = 2 ** c.load({ field: 'B' }); c.goto('buckets'); },
    },
    buckets: {
      line: 1028, text: 'makeBucketArray(t, h.B, h.buckets) (load buckets)',
      run: (c) => {
        c.v.bk = c.load({ field: 'buckets' });
        c.v.i = 0;
        c.goto(c.v.bk === NIL ? 'endCheck' : 'clear');
      },
    },
    clear: {
      line: 1028, text: 'makeBucketArray: memclr bucket (store)',
      run: (c) => {
        c.clearBucket(c.ptr(c.v.bk!, c.v.i!));
        c.v.i = c.v.i! + 1;
        c.goto(c.v.i < c.v.n! ? 'clear' : 'endCheck');
      },
    },
    ...closeWriteWindow(1035, 1038, (c) => c.finish({ kind: 'none' })),
  },
};

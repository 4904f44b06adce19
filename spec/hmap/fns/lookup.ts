import { EMPTY_REST, FATAL_READ_WRITE, HASH_WRITING, isEvacuatedMark, NIL, SAME_SIZE_GROW } from '../constants.js';
import type { Ctx } from '../ctx.js';
import type { GoFunction } from '../program.js';
import { nextCell } from './shared.js';

/** Source lines of the two lookups, which differ only in where they sit and what they check. */
interface LookupLines {
  count: number; hash: number; flags?: number; B: number; buckets: number; oldbuckets: number; sameSize: number;
  oldTophash: number; tophash: number; key: number; overflow: number;
}

/**
 * mapaccess2 (map.go:456-515) and mapaccessK (518-559, the iterator's lookup): count, the flag
 * check (mapaccess2 only), then B, buckets, oldbuckets, and a scan of the chain. Both return
 * where the elem lives (`ret` = bucket, `reti` = cell) or NIL; reading the elem is the caller's.
 */
function lookup(name: string, lines: LookupLines): GoFunction {
  const found = (c: Ctx): void => {
    c.v.retb = c.v.b!;
    c.v.reti = c.v.i!;
    c.ret();
  };
  const missing = (c: Ctx): void => {
    c.v.retb = NIL;
    c.ret();
  };
  return {
    name,
    file: 'map.go',
    entry: 'count',
    pointerVars: ['b', 'old', 'retb', 'keyb'],
    keyVars: ['key'],
    points: {
      count: {
        line: lines.count, text: 'if h == nil || h.count == 0 (load)',
        run: (c) => {
          if (c.load({ field: 'count' }) === 0) missing(c);
          else if (c.v.keyb !== undefined) c.goto('loadKey');
          else c.goto(lines.flags ? 'flags' : 'B');
        },
      },
      loadKey: {
        // mapaccessK gets the key by pointer (the iterator's old cell); hashing it loads it.
        line: lines.hash, text: 'hash := t.hasher(key, uintptr(h.hash0)) (load key)',
        run: (c) => {
          c.v.key = c.load({ cell: 'key', bucket: c.v.keyb!, i: c.v.keyi! });
          c.goto(lines.flags ? 'flags' : 'B');
        },
      },
      flags: {
        line: lines.flags ?? 0, text: 'if h.flags&hashWriting != 0 (load)',
        run: (c) => {
          if (c.load({ field: 'flags' }) & HASH_WRITING) c.crash({ kind: 'fatal', message: FATAL_READ_WRITE });
          else c.goto('B');
        },
      },
      B: {
        line: lines.B, text: 'm := bucketMask(h.B) (load)',
        run: (c) => {
          c.v.m = c.bucketMask(c.load({ field: 'B' }));
          c.goto('buckets');
        },
      },
      buckets: {
        line: lines.buckets, text: 'b := h.buckets + hash&m (load)',
        run: (c) => {
          c.v.b = c.ptr(c.load({ field: 'buckets' }), c.hash(c.v.key!) & c.v.m!);
          c.goto('oldbuckets');
        },
      },
      oldbuckets: {
        line: lines.oldbuckets, text: 'if c := h.oldbuckets; c != nil (load)',
        run: (c) => {
          c.v.old = c.load({ field: 'oldbuckets' });
          c.v.i = 0;
          c.goto(c.v.old === NIL ? 'tophash' : 'sameSize');
        },
      },
      sameSize: {
        line: lines.sameSize, text: 'if !h.sameSizeGrow() (load flags)',
        run: (c) => {
          if (!(c.load({ field: 'flags' }) & SAME_SIZE_GROW)) c.v.m = c.v.m! >>> 1;
          c.v.old = c.ptr(c.v.old!, c.hash(c.v.key!) & c.v.m!);
          c.goto('oldTophash');
        },
      },
      oldTophash: {
        line: lines.oldTophash, text: 'if !evacuated(oldb) (load oldb.tophash[0])',
        run: (c) => {
          if (!isEvacuatedMark(c.load({ cell: 'tophash', bucket: c.v.old!, i: 0 }))) c.v.b = c.v.old!;
          c.goto('tophash');
        },
      },
      tophash: {
        line: lines.tophash, text: 'if b.tophash[i] != top (load)',
        run: (c) => {
          const top = c.load({ cell: 'tophash', bucket: c.v.b!, i: c.v.i! });
          if (top === c.top(c.v.key!)) c.goto('key');
          else if (top === EMPTY_REST) missing(c);
          else nextCell(c, 'tophash', 'overflow');
        },
      },
      key: {
        line: lines.key, text: 'if t.key.equal(key, k) (load key)',
        run: (c) => {
          if (c.load({ cell: 'key', bucket: c.v.b!, i: c.v.i! }) === c.v.key) found(c);
          else nextCell(c, 'tophash', 'overflow');
        },
      },
      overflow: {
        line: lines.overflow, text: 'b = b.overflow(t) (load)',
        run: (c) => {
          c.v.b = c.load({ overflowOf: c.v.b! });
          c.v.i = 0;
          if (c.v.b === NIL) missing(c);
          else c.goto('tophash');
        },
      },
    },
  };
}

export const MAPACCESS2 = lookup('mapaccess2', {
  count: 469, hash: 478, flags: 475, B: 479, buckets: 480, oldbuckets: 481, sameSize: 482, oldTophash: 487,
  tophash: 495, key: 505, overflow: 493,
});

export const MAPACCESS_K = lookup('mapaccessK', {
  count: 519, hash: 522, B: 523, buckets: 524, oldbuckets: 525, sameSize: 526, oldTophash: 531,
  tophash: 539, key: 549, overflow: 537,
});

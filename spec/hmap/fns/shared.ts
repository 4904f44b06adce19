import type { Ctx } from '../ctx.js';
import { FATAL_WRITES, HASH_WRITING, SAME_SIZE_GROW } from '../constants.js';
import type { Point } from '../program.js';

/** overLoadFactor (map.go:1085-1087), integer division as in Go. */
export function overLoadFactor(c: Ctx, count: number, B: number): boolean {
  const { bucketCnt, loadFactorNum, loadFactorDen } = c.cfg;
  return count > bucketCnt && count > loadFactorNum * Math.floor(2 ** B / loadFactorDen);
}

/** tooManyOverflowBuckets (map.go:1092-1102). */
export function tooManyOverflowBuckets(noverflow: number, B: number): boolean {
  return noverflow >= 2 ** Math.min(B, 15);
}

/**
 * noldbuckets() from B and flags as read (map.go:1115-1121). B is a uint8 in Go: under a race
 * B-1 can wrap to 255, and bucketShift masks the shift to 6 bits.
 */
export function noldbuckets(B: number, flags: number): number {
  const oldB = flags & SAME_SIZE_GROW ? B : (B - 1) & 0xff;
  return 2 ** (oldB & 63);
}

/** x & (n-1) for a power of two n that may exceed 32 bits (our indexes are small). */
export function maskBelow(x: number, n: number): number {
  return n > 2 ** 30 ? x : x & (n - 1);
}

/** Advance to the next cell of the chain being scanned, or to `atEnd` after the last cell. */
export function nextCell(c: Ctx, again: string, atEnd: string): void {
  c.v.i = c.v.i! + 1;
  c.goto(c.v.i! < c.cfg.bucketCnt ? again : atEnd);
}

/**
 * The opening of a write window, the same in mapassign, mapdelete and mapclear: the racy check
 * of hashWriting, then the toggle, which the compiled code does as a separate plain load and
 * store (so two writers can both pass the check before either sets the flag).
 */
export function openWriteWindow(checkLine: number, toggleLine: number, next: string): Record<'checkWriting' | 'toggleLoad' | 'toggleStore', Point> {
  return {
    checkWriting: {
      line: checkLine, text: 'if h.flags&hashWriting != 0 (load)',
      run: (c) => {
        if (c.load({ field: 'flags' }) & HASH_WRITING) c.crash({ kind: 'fatal', message: FATAL_WRITES });
        else c.goto('toggleLoad');
      },
    },
    toggleLoad: {
      line: toggleLine, text: 'h.flags ^= hashWriting (load)',
      run: (c) => { c.v.flags = c.load({ field: 'flags' }); c.goto('toggleStore'); },
    },
    toggleStore: {
      line: toggleLine, text: 'h.flags ^= hashWriting (store)',
      run: (c) => { c.store({ field: 'flags' }, c.v.flags! ^ HASH_WRITING); c.goto(next); },
    },
  };
}

/**
 * The close of a write window: the check that hashWriting is still set (another writer that
 * closed its window first has cleared it), then the clear as a load and a store; `after` says
 * what follows (finishing, or mapassign's caller storing the value).
 */
export function closeWriteWindow(checkLine: number, clearLine: number, after: (c: Ctx) => void): Record<'endCheck' | 'clearLoad' | 'clearStore', Point> {
  return {
    endCheck: {
      line: checkLine, text: 'if h.flags&hashWriting == 0 (load)',
      run: (c) => {
        if (!(c.load({ field: 'flags' }) & HASH_WRITING)) c.crash({ kind: 'fatal', message: FATAL_WRITES });
        else c.goto('clearLoad');
      },
    },
    clearLoad: {
      line: clearLine, text: 'h.flags &^= hashWriting (load)',
      run: (c) => { c.v.flags = c.load({ field: 'flags' }); c.goto('clearStore'); },
    },
    clearStore: {
      line: clearLine, text: 'h.flags &^= hashWriting (store)',
      run: (c) => { c.store({ field: 'flags' }, c.v.flags! & ~HASH_WRITING); after(c); },
    },
  };
}

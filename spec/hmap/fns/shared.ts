import type { Ctx } from '../ctx.js';
import { SAME_SIZE_GROW } from '../constants.js';

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

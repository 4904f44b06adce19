import type { MapConfig } from '../../spec/config.js';
import { EMPTY_REST, MIN_TOPHASH, NIL, SAME_SIZE_GROW } from './constants.js';
import type { HmapMemory } from './memory.js';

/**
 * A scheduling point: called with the spec's step label just before the shared access that step
 * stands for. Free mode passes a function that does nothing; controlled mode blocks until the
 * controller grants the step (impl/sched/).
 */
export type Hook = (label: string) => void;

export const FREE: Hook = () => {};

/**
 * What every map function works with: the shared memory, the configuration (bucketCnt, load
 * factor, and the hash function as a table) and the hook. Only the configuration's numbers are
 * used; MapConfig is the spec's type so one object configures both.
 */
export class MapCore {
  readonly bucketCnt: number;

  constructor(readonly cfg: MapConfig, readonly mem: HmapMemory, readonly hook: Hook) {
    this.bucketCnt = cfg.bucketCnt;
  }

  /** The hash of key k: the table's entry (0 for a zeroed key, which has none). */
  hash(k: number): number {
    return (this.cfg.hashes[k] as number) >>> 0;
  }

  /** tophash(): the hash's top byte, moved above the reserved marks (map.go:195-201). */
  top(k: number): number {
    const t = this.hash(k) >>> 24;
    return t < MIN_TOPHASH ? t + MIN_TOPHASH : t;
  }

  /** bucketMask(B); B is a uint8 that a race can wrap, and JS shifts mod 32 like the spec's. */
  bucketMask(B: number): number {
    return (1 << B) - 1;
  }

  /** overLoadFactor (map.go:1085-1087), in integer arithmetic as Go does it. */
  overLoadFactor(count: number, B: number): boolean {
    const { bucketCnt, loadFactorNum, loadFactorDen } = this.cfg;
    return count > bucketCnt && count > loadFactorNum * Math.floor(2 ** B / loadFactorDen);
  }
}

// These formulas also exist in spec/hmap/fns/shared.ts. They are written again here on purpose:
// conformance compares this implementation with the spec, and shared code would hide a shared mistake.

/** tooManyOverflowBuckets (map.go:1092-1102). */
export function tooManyOverflowBuckets(noverflow: number, B: number): boolean {
  return noverflow >= 2 ** Math.min(B, 15);
}

/** noldbuckets() from B and flags as read (map.go:1115-1121); B-1 wraps as a uint8 would. */
export function noldbuckets(B: number, flags: number): number {
  const oldB = flags & SAME_SIZE_GROW ? B : (B - 1) & 0xff;
  return 2 ** (oldB & 63);
}

/** x & (n-1) for a power of two n that may exceed 32 bits. */
export function maskBelow(x: number, n: number): number {
  return n > 2 ** 30 ? x : x & (n - 1);
}

/**
 * The scan of one bucket chain for key, as mapaccess and mapdelete both do it: each cell's
 * tophash, the key where the tophash matches, then the overflow link. Where the key is, or
 * undefined when an emptyRest or the chain's end comes first. `L` names the caller's steps.
 */
export function scanChain(
  c: MapCore, b: number, top: number, key: number, L: { tophash: string; key: string; overflow: string },
): { b: number; i: number } | undefined {
  const m = c.mem;
  for (;;) {
    for (let i = 0; i < c.bucketCnt; i++) {
      c.hook(L.tophash);
      const t = m.tophash(b, i);
      if (t !== top) {
        if (t === EMPTY_REST) return undefined;
        continue;
      }
      c.hook(L.key);
      if (m.key(b, i) === key) return { b, i };
    }
    c.hook(L.overflow);
    b = m.overflow(b);
    if (b === NIL) return undefined;
  }
}

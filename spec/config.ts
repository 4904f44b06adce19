/**
 * Model constants live here, never inside the spec's logic (STYLE.md lesson 4).
 * A configuration fixes Go's map constants and the hash function, given as a table so that
 * collisions, overflow chains and X/Y evacuation splits can be forced on purpose.
 */
export interface MapConfig {
  /** Name used on the command line (`--config NAME`) and in traces. */
  name: string;
  /** One line saying what the configuration is for. */
  description: string;
  /** Cells per bucket (Go: bucketCnt = 8, map.go:66-67). */
  bucketCnt: number;
  /** Load factor numerator and denominator (Go: 13/2, map.go:71-72); integer maths as in Go. */
  loadFactorNum: number;
  loadFactorDen: number;
  /** B at make(): 0 is `make(map[k]v)`; larger values stand for `make(map[k]v, hint)`. */
  initialB: number;
  /** hashes[k] is the 32-bit hash of key k; the top byte gives tophash, the low bits the bucket. */
  hashes: number[];
}

/**
 * The default. bucketCnt=1 and a load factor of 1/4 with initial B=2 make the second key trigger a
 * doubling grow from 4 to 8 buckets: the growing assign evacuates at most two of the four old
 * buckets, so evacuation spans several operations; k0 and k1 share their low 8 bits, so after the
 * grow they collide in one bucket and the second one needs an overflow bucket. All of this is
 * reachable with the default 2 keys in 3 operations, well inside --depth 6.
 */
export const SMALL: MapConfig = {
  name: 'small',
  description: 'scaled down: 1 cell per bucket, load factor 1/4, B=2 at make; grow, overflow and multi-operation evacuation within 3 operations',
  bucketCnt: 1,
  loadFactorNum: 1,
  loadFactorDen: 4,
  initialB: 2,
  // k0,k1: same low byte (full collision below 8 bits), distinct tophash; k2 splits from them on
  // bit 2 (X/Y); k3 shares k0's tophash but lands in another bucket.
  hashes: [0x1a000000, 0x2b000000, 0x3c000004, 0x1a000002],
};

/** Go 1.19's real constants: 8 cells per bucket, load factor 6.5, `make(map[k]v)` with B=0. */
export const GO: MapConfig = {
  name: 'go',
  description: "Go 1.19's real constants: bucketCnt 8, load factor 13/2, B=0 at make (buckets allocated on first assign)",
  bucketCnt: 8,
  loadFactorNum: 13,
  loadFactorDen: 2,
  initialB: 0,
  hashes: [0x1a000000, 0x2b000000, 0x3c000004, 0x1a000002],
};

export const CONFIGS: Readonly<Record<string, MapConfig>> = { small: SMALL, go: GO };
export const DEFAULT_CONFIG = SMALL.name;

/** Go's tophash(): the hash's top byte, moved above the reserved marks (map.go:195-201). */
export function tophashOf(hash: number, minTopHash: number): number {
  const top = (hash >>> 24) & 0xff;
  return top < minTopHash ? top + minTopHash : top;
}

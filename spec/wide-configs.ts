/**
 * Configurations beyond `small` and `go` (spec/config.ts) that reach paths those two do not in a
 * sequential run: many keys with Go's constants, growth to B = 6, and the same-size grow. The
 * tests run the spec and the implementation under them, and the liveness tool
 * (checker/liveness) watches them; the command line offers only `small` and `go`.
 */
import { GO, type MapConfig, SMALL } from './config.js';

/** mulberry32: a small seeded generator, so "random-looking" hashes are the same on every run. */
export function seededHashes(n: number, seed: number): number[] {
  let a = seed >>> 0;
  const out = new Set<number>();
  while (out.size < n) {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    out.add((x ^ (x >>> 14)) >>> 0);
  }
  return [...out];
}

/**
 * Go's real constants over 40 random-looking keys (fixed seed): grows to B=3 within 27 inserts.
 * GO's four keys never fill its one bucket, so the Go constants need many keys to grow.
 */
export const GO_MANY: MapConfig = {
  ...GO,
  name: 'go-many',
  description: "Go's constants, 40 keys with seeded random hashes",
  hashes: seededHashes(40, 1),
};

/**
 * One cell per bucket and a load factor of 3/2 from B=1: overflow chains form at once, and
 * deleting and re-inserting keys in a long chain makes tooManyOverflowBuckets start a same-size
 * grow, which neither SMALL nor GO can reach in a sequential run. k0, k1, k2 share bucket 0 at
 * every B ≤ 8; k0 and k2 also share their tophash, so a lookup must compare keys; k3's top byte
 * is below minTopHash (tophash 1+5 = 6); k4 and k5 split on bits 0 and 1.
 */
export const COLLIDE: MapConfig = {
  name: 'collide',
  description: 'collisions and tophash clashes: overflow chains and same-size grows',
  bucketCnt: 1,
  loadFactorNum: 3,
  loadFactorDen: 2,
  initialB: 1,
  hashes: [0x10000000, 0x20000000, 0x10000100, 0x01000002, 0x50000001, 0x60000003],
};

/** SMALL's constants over 12 keys: doubling grows up to B = 6 and overflow chains. */
export const SMALL_MANY: MapConfig = { ...SMALL, name: 'small-many', description: 'SMALL, 12 seeded keys', hashes: seededHashes(12, 5) };

/** Every configuration above, with the two of spec/config.ts. */
export const WIDE_CONFIGS: readonly MapConfig[] = [SMALL, GO, SMALL_MANY, GO_MANY, COLLIDE];

/**
 * Extra configurations for the spec tests, next to SMALL and GO from spec/config.ts. GO's four
 * keys never fill its one bucket, so the Go constants need many keys to grow; and neither
 * SMALL nor GO can ever reach a same-size grow in a sequential run, so COLLIDE exists for that.
 */
import { GO, type MapConfig } from '../../spec/config.js';
import { seededHashes } from './run.js';

/** Go's real constants over 40 random-looking keys (fixed seed): grows to B=3 within 27 inserts. */
export const GO_MANY: MapConfig = {
  ...GO,
  name: 'go-many',
  description: "Go's constants, 40 keys with seeded random hashes",
  hashes: seededHashes(40, 1),
};

/**
 * One cell per bucket and a load factor of 3/2 from B=1: overflow chains form at once, and
 * deleting and re-inserting keys in a long chain makes tooManyOverflowBuckets start a same-size
 * grow. k0, k1, k2 share bucket 0 at every B ≤ 8; k0 and k2 also share their tophash, so a
 * lookup must compare keys; k3's top byte is below minTopHash (tophash 1+5 = 6); k4 and k5 split
 * on bits 0 and 1.
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

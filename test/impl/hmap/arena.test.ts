/** Memory is a fixed arena: running out is a clear error, never a silent overwrite of live buckets. */
import { describe, expect, it } from 'vitest';
import { ArenaFullError, SharedGoMap } from '../../../impl/hmap/index.js';
import { GO, SMALL } from '../../../spec/config.js';

describe('the bucket arena', () => {
  it('says so when a grow does not fit, and leaves the buckets in use alone', () => {
    // SMALL starts with 4 buckets; the second key doubles the array, which needs 8 more.
    const m = SharedGoMap.create(SMALL, { arenaBuckets: 10 });
    m.assign(0, 11);
    const before = m.inspect();
    expect(() => m.assign(1, 12)).toThrow(ArenaFullError);
    expect(() => SharedGoMap.create(SMALL, { arenaBuckets: 10 }).run({ kind: 'len' })).not.toThrow();
    const after = m.inspect();
    expect(after.allocations).toEqual(before.allocations);
    expect(after.heap).toEqual(before.heap);
    // The first key is still where it was: nothing was written over.
    expect(after.heap[after.buckets + (SMALL.hashes[0]! & 3)]?.elems).toEqual([11]);
  });

  it('names the request and the capacity in its message', () => {
    const m = SharedGoMap.create(SMALL, { arenaBuckets: 10 });
    m.assign(0, 1);
    expect(() => m.assign(1, 2)).toThrow(/^arena full: cannot allocate 8 bucket\(s\), 4 of 10 already in use/);
  });

  it('also covers the first bucket of a map made with B = 0, and overflow buckets', () => {
    expect(() => SharedGoMap.create(GO, { arenaBuckets: 1 }).assign(0, 1)).not.toThrow();
    const collide = { ...SMALL, hashes: [0x1a000000, 0x2a000000, 0x3a000000], loadFactorNum: 4, loadFactorDen: 1 };
    const m = SharedGoMap.create(collide, { arenaBuckets: 5 });
    m.assign(0, 1);
    m.assign(1, 2); // same bucket: the overflow bucket takes the last free slot
    expect(() => m.assign(2, 3)).toThrow(/^arena full: cannot allocate 1 bucket/);
  });

  it('rejects keys outside the hash table', () => {
    const m = SharedGoMap.create(SMALL);
    expect(() => m.assign(4, 1)).toThrow(RangeError);
    expect(() => m.access(-1)).toThrow(/has no hash/);
  });
});

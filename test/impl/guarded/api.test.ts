/** What the guarded maps promise beyond their results: shards, attach, and locks never left held. */
import { describe, expect, it } from 'vitest';
import { SharedMutexMap, SharedRWMutexMap, SharedShardedMap, shardOfKey } from '../../../impl/guarded/index.js';
import { shardOf } from '../../../spec/guarded/shard.js';
import { GO, SMALL } from '../../../spec/config.js';
import { SMALL_MANY } from '../configs.js';

const MAKERS = [
  ['mutex-map', () => SharedMutexMap.create(SMALL, { waitMs: 200 })],
  ['rwmutex-map', () => SharedRWMutexMap.create(SMALL, { waitMs: 200 })],
  ['sharded-map', () => SharedShardedMap.create(SMALL, { waitMs: 200, shards: 3 })],
] as const;

describe('the guarded maps', () => {
  it('put every key in the shard spec/guarded/shard.ts chooses', () => {
    for (const cfg of [SMALL, GO, SMALL_MANY]) {
      for (let shards = 1; shards <= 8; shards++) {
        for (let k = 0; k < cfg.hashes.length; k++) expect(shardOfKey(cfg, k, shards)).toBe(shardOf(cfg, k, shards));
      }
    }
    expect(() => shardOfKey(SMALL, 4, 2)).toThrow('key 4 has no hash');
  });

  it.each(MAKERS)('%s: a second view attached to the buffers is the same map', (_name, make) => {
    const m = make();
    m.assign(1, 7);
    const view = (m.constructor as typeof SharedMutexMap).attach(SMALL, m.buffer as never);
    expect(view.access(1)).toEqual({ value: 7, ok: true });
    view.delete(1);
    expect(m.len()).toBe(0);
  });

  it('refuse another kind of guarded map\'s buffers, and a shard count that does not match', () => {
    const mu = SharedMutexMap.create(SMALL);
    expect(() => SharedRWMutexMap.attach(SMALL, mu.buffer)).toThrow('not a rwmutex-map buffer');
    const sharded = SharedShardedMap.create(SMALL, { shards: 2 });
    expect(() => SharedShardedMap.attach(SMALL, { locks: sharded.buffer.locks, maps: sharded.buffer.maps.slice(0, 1) })).toThrow('needs 2 map buffer(s), not 1');
  });

  it.each(MAKERS)('%s: a loop that leaves a range early, or an operation that throws, releases the lock', (_name, make) => {
    const m = make();
    m.assign(0, 1);
    m.assign(1, 2);
    for (const _pair of m.range()) break;
    expect(() => m.assign(9, 1)).toThrow(RangeError);
    // Had either kept a lock, this would wait for it and time out.
    m.assign(2, 3);
    expect(m.len()).toBe(3);
    expect(m.inspect().locks.every((l) => ('w' in l ? l.w.state === 0 && l.readerCount === 0 : l.state === 0))).toBe(true);
  });

  it('sharded-map: a range yields every shard\'s pairs, each shard under its own read lock', () => {
    const m = SharedShardedMap.create(SMALL, { shards: 2 });
    for (let k = 0; k < 4; k++) m.assign(k, k + 10);
    const seen: Array<[number, number]> = [];
    for (const pair of m.range()) {
      seen.push(pair);
      // While a shard is being ranged, a writer to the other shard is not held up.
      if (seen.length === 1) {
        const mine = shardOfKey(SMALL, pair[0], 2);
        expect(m.inspect().locks[mine]).toMatchObject({ readerCount: 1 });
        expect(m.inspect().locks[1 - mine]).toMatchObject({ readerCount: 0 });
      }
    }
    expect(seen.sort((a, b) => a[0] - b[0])).toEqual([[0, 10], [1, 11], [2, 12], [3, 13]]);
  });
});

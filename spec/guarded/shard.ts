import type { MapConfig } from '../config.js';

/**
 * The shard key k lives in: the top byte of its hash (cfg.hashes[k]) mod the number of shards.
 *
 * Why not the hash itself mod S: the inner maps pick buckets from the hash's low bits, and real
 * sharded maps choose shards with a hash of their own (e.g. FNV), independent of those bits.
 * Taking the low bits here would tie shard and bucket together (shard 1 of 2 would only ever use
 * odd buckets), and with the shipped configurations, whose hashes are all even, it would put every
 * key in shard 0 and leave the sharding untested. The top byte (SMALL and GO: 0x1a, 0x2b, 0x3c,
 * 0x1a) puts k0, k2, k3 in shard 0 and k1 in shard 1 of 2: two keys are enough to see two shards,
 * and three make shard 0 grow.
 */
export function shardOf(cfg: MapConfig, key: number, shards: number): number {
  const hash = cfg.hashes[key];
  if (hash === undefined) throw new Error(`key ${key} has no hash in configuration ${cfg.name}`);
  return ((hash >>> 24) & 0xff) % shards;
}

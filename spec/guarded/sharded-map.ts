import type { MapConfig } from '../config.js';
import { hmapAlphabet, hmapTarget } from '../hmap/target.js';
import { type RWMutex, RWMUTEX } from '../sync/rwmutex.js';
import type { Target } from '../target.js';
import type { Op } from '../types.js';
import { isReader, type Part, plainOnly, type Scheme, underLock } from './plan.js';
import { shardOf } from './shard.js';
import type { GuardedState } from './state.js';
import { guardedTarget } from './target.js';

/**
 * A sharded map: S shards, each an RWMutex and a plain map of its own (same configuration).
 *
 * - m[k], m[k] = v, delete(m, k) lock only k's shard (shard.ts), reading or writing as in
 *   rwmutex-map.
 * - range visits the shards in order, holding each shard's read lock only while it ranges over
 *   that shard. It never holds two locks, so it does not block writers to other shards, and it
 *   is not a snapshot: a write to a shard already visited is missed while a later write to a
 *   shard not yet visited is seen. Its result is judged by sync.Map's Range rule ('contract').
 * - len and clear take every shard's lock (read locks for len, write locks for clear) in shard
 *   order, do their work on each shard, then release them all. The obvious version, summing
 *   per-shard counts or clearing shard after shard each under its own lock, is NOT linearizable:
 *   with k0 in shard 0 and k1 in shard 1, a len that counts shard 0 while k0 is present, then
 *   shard 1 after another goroutine deleted k0 and assigned k1, returns 2 although the map never
 *   held two keys; a clear can likewise leave a key written to shard 0 after shard 0 was cleared
 *   while erasing one written to shard 1 earlier. Holding all locks at once makes both atomic;
 *   taking them in one global order (and every other operation holding at most one) rules out
 *   deadlock. (The naive forms are worth a target of their own later, to show the counterexample.)
 */
function scheme(cfg: MapConfig, shards: number): Scheme<RWMutex> {
  const all = Array.from({ length: shards }, (_, i) => i);
  /** Lock every shard, run op on each, unlock every shard: one atomic operation over all shards. */
  const everywhere = (lock: string, unlock: string, op: Op): Part[] => [
    ...all.map((shard): Part => ({ kind: 'sync', shard, method: lock })),
    ...all.map((shard): Part => ({ kind: 'map', shard, op })),
    ...all.map((shard): Part => ({ kind: 'sync', shard, method: unlock })),
  ];
  return {
    lock: RWMUTEX,
    shards,
    lockName: (i) => `s${i}:rw`,
    mapPrefix: (i) => `s${i}:`,
    plan: (op) => {
      plainOnly(op);
      switch (op.kind) {
        case 'assign':
        case 'access':
        case 'delete': {
          const shard = shardOf(cfg, op.key, shards);
          return isReader(op) ? underLock(shard, 'RLock', 'RUnlock', op) : underLock(shard, 'Lock', 'Unlock', op);
        }
        case 'range': return all.flatMap((shard) => underLock(shard, 'RLock', 'RUnlock', op));
        case 'len': return everywhere('RLock', 'RUnlock', op);
        case 'clear': return everywhere('Lock', 'Unlock', op);
        default: throw new Error(`the spec is inconsistent: no plan for ${op.kind}`);
      }
    },
  };
}

/** Shards when none are asked for: the least that shows locking only part of the map. */
export const DEFAULT_SHARDS = 2;

export function shardedMapTarget(cfg: MapConfig, shards = DEFAULT_SHARDS): Target<GuardedState<RWMutex>> {
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`a sharded map needs a whole number of shards ≥ 1, not ${shards}`);
  return guardedTarget(cfg, {
    name: 'sharded-map',
    specVersion: `sharded-map/go1.19.8/1+${hmapTarget(cfg).specVersion}`,
    range: 'contract',
    alphabet: hmapAlphabet,
    scheme: scheme(cfg, shards),
  });
}

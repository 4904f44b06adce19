import type { MapConfig } from '../config.js';
import { brokenInvariant } from '../hmap/invariants.js';
import type { Scheme } from './plan.js';
import type { GuardedState } from './state.js';

/**
 * What must hold when every goroutine is idle, per shard: the lock is free with nothing left
 * counted or queued (spec/sync/invariants.ts), no map operation is left half done in the map's
 * own goroutine slots, and the plain map's structural invariants (spec/hmap/invariants.ts) hold.
 * With several shards the name says which one broke.
 */
export function brokenGuarded<L>(cfg: MapConfig, scheme: Scheme<L>, s: GuardedState<L>): string | undefined {
  for (let i = 0; i < scheme.shards; i++) {
    const name = (what: string): string => (scheme.shards > 1 ? `shard ${i}: ${what}` : what);
    const lock = scheme.lock.broken(s.locks[i]!);
    if (lock) return name(lock);
    const map = s.maps[i]!;
    if (map.gs.some((g) => g.op !== null)) return name('no map operation left running when idle');
    const inv = brokenInvariant(map.h, cfg);
    if (inv) return name(inv);
  }
  return undefined;
}

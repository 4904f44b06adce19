import type { MapConfig } from '../../spec/config.js';
import type { GuardedBuffer, MapApi } from '../guarded/base.js';
import { SharedMutexMap } from '../guarded/mutex-map.js';
import { SharedRWMutexMap } from '../guarded/rwmutex-map.js';
import { SharedShardedMap } from '../guarded/sharded-map.js';
import { SharedGoMap } from '../hmap/map.js';

/**
 * The maps stress mode runs: the plain map, whose races are the finding, and the safe
 * alternatives, whose every round must be linearizable. sync.Map has no shared-memory
 * implementation yet.
 */
export const STRESS_TARGETS = ['hmap', 'mutex-map', 'rwmutex-map', 'sharded-map'] as const;
export type StressTarget = (typeof STRESS_TARGETS)[number];
export type SafeStressTarget = Exclude<StressTarget, 'hmap'>;
export const SAFE_STRESS_TARGETS: readonly SafeStressTarget[] = ['mutex-map', 'rwmutex-map', 'sharded-map'];

export function isStressTarget(name: string): name is StressTarget {
  return (STRESS_TARGETS as readonly string[]).includes(name);
}

export function isSafeStressTarget(name: string): name is SafeStressTarget {
  return (SAFE_STRESS_TARGETS as readonly string[]).includes(name);
}

/** What a round's map is posted to the workers as: a SharedGoMap's buffer, or a guarded map's. */
export type MapBuffer = SharedArrayBuffer | GuardedBuffer;

/** A guarded map made on the main thread for one round. */
export type SafeMap = SharedMutexMap | SharedRWMutexMap | SharedShardedMap;

export function createSafeMap(target: SafeStressTarget, cfg: MapConfig, opts: { arenaBuckets: number; shards?: number }): SafeMap {
  switch (target) {
    case 'mutex-map': return SharedMutexMap.create(cfg, { arenaBuckets: opts.arenaBuckets });
    case 'rwmutex-map': return SharedRWMutexMap.create(cfg, { arenaBuckets: opts.arenaBuckets });
    case 'sharded-map': return SharedShardedMap.create(cfg, { arenaBuckets: opts.arenaBuckets, ...(opts.shards === undefined ? {} : { shards: opts.shards }) });
  }
}

/** A worker's view of the round's map, with the no-op hook: free mode, so it races for real. */
export function attachStressMap(target: StressTarget, cfg: MapConfig, buffer: MapBuffer): MapApi {
  if (target === 'hmap') {
    if (!(buffer instanceof SharedArrayBuffer)) throw new Error('the plain map is posted as one SharedArrayBuffer');
    return SharedGoMap.attach(cfg, buffer);
  }
  if (buffer instanceof SharedArrayBuffer) throw new Error(`a ${target} is posted as its lock and map buffers`);
  switch (target) {
    case 'mutex-map': return SharedMutexMap.attach(cfg, buffer);
    case 'rwmutex-map': return SharedRWMutexMap.attach(cfg, buffer);
    case 'sharded-map': return SharedShardedMap.attach(cfg, buffer);
  }
}

import type { MapConfig } from '../../spec/config.js';
import type { GuardedBuffer, MapApi } from '../guarded/base.js';
import { SharedMutexMap } from '../guarded/mutex-map.js';
import { SharedRWMutexMap } from '../guarded/rwmutex-map.js';
import { SharedShardedMap } from '../guarded/sharded-map.js';
import { SharedGoMap } from '../hmap/map.js';
import { SharedSyncMap } from '../syncmap/map.js';

/**
 * The maps stress mode runs: the plain map, whose races are the finding, and the safe ones,
 * whose every round must be linearizable: the maps behind locks and sync.Map.
 */
export const STRESS_TARGETS = ['hmap', 'mutex-map', 'rwmutex-map', 'sharded-map', 'syncmap'] as const;
export type StressTarget = (typeof STRESS_TARGETS)[number];
export type SafeStressTarget = Exclude<StressTarget, 'hmap'>;
/** The safe maps that are a plain map behind locks (impl/guarded), with the plain map's operations. */
export type GuardedStressTarget = Exclude<SafeStressTarget, 'syncmap'>;
/**
 * The guarded maps, which share everything but their locks (their tests iterate this list).
 * sync.Map is safe too and runs the same way, but with operations of its own: isSafeStressTarget
 * accepts it.
 */
export const SAFE_STRESS_TARGETS: readonly GuardedStressTarget[] = ['mutex-map', 'rwmutex-map', 'sharded-map'];

export function isStressTarget(name: string): name is StressTarget {
  return (STRESS_TARGETS as readonly string[]).includes(name);
}

/** Whether every round of `name` must be linearizable: the guarded maps and sync.Map. */
export function isSafeStressTarget(name: string): name is SafeStressTarget {
  return name === 'syncmap' || (SAFE_STRESS_TARGETS as readonly string[]).includes(name);
}

/** What a round's map is posted to the workers as: a SharedGoMap's or SharedSyncMap's buffer, or a guarded map's. */
export type MapBuffer = SharedArrayBuffer | GuardedBuffer;

/** A guarded map made on the main thread for one round. */
export type SafeMap = SharedMutexMap | SharedRWMutexMap | SharedShardedMap;

export function createSafeMap(target: GuardedStressTarget, cfg: MapConfig, opts: { arenaBuckets: number; shards?: number }): SafeMap {
  switch (target) {
    case 'mutex-map': return SharedMutexMap.create(cfg, { arenaBuckets: opts.arenaBuckets });
    case 'rwmutex-map': return SharedRWMutexMap.create(cfg, { arenaBuckets: opts.arenaBuckets });
    case 'sharded-map': return SharedShardedMap.create(cfg, { arenaBuckets: opts.arenaBuckets, ...(opts.shards === undefined ? {} : { shards: opts.shards }) });
  }
}

/** A worker's view of a round's sync.Map, with the no-op hook. */
export function attachSyncStressMap(cfg: MapConfig, buffer: MapBuffer): SharedSyncMap {
  if (!(buffer instanceof SharedArrayBuffer)) throw new Error('a sync.Map is posted as one SharedArrayBuffer');
  return SharedSyncMap.attach(cfg, buffer);
}

/** A worker's view of the round's map, with the no-op hook: free mode, so it races for real. */
export function attachStressMap(target: Exclude<StressTarget, 'syncmap'>, cfg: MapConfig, buffer: MapBuffer): MapApi {
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

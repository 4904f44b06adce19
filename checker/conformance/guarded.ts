import type { GuardedImage } from '../../impl/guarded/base.js';
import { SharedMutexMap, SharedRWMutexMap, SharedShardedMap } from '../../impl/guarded/index.js';
import { SCHED_LABELS } from '../../impl/sched/labels.js';
import type { SchedTarget } from '../../impl/sched/types.js';
import type { MapConfig } from '../../spec/config.js';
import { mutexMapTarget, rwmutexMapTarget, shardedMapTarget } from '../../spec/guarded/index.js';
import type { GuardedState } from '../../spec/guarded/state.js';
import { resultsMatch } from '../../spec/model.js';
import type { Mutex } from '../../spec/sync/mutex.js';
import type { RWMutex } from '../../spec/sync/rwmutex.js';
import type { Target } from '../../spec/target.js';
import { type GuardedNames, type GuardLock, guardedDifference, lockDifference } from './guarded-final.js';
import type { ConformanceTarget, SubjectOptions } from './targets.js';

/** What conformance needs of a guarded map on the main thread: its buffers, and a look at them. */
interface GuardedSubjectMap {
  buffer: SharedMutexMap['buffer'];
  inspect(): GuardedImage;
}

/**
 * A guarded map as a conformance target. A goroutine that must wait for a lock stands at the
 * lock's scheduling point (lockSlow's CAS, a semacquire): the hook runs before lockSlow loads the
 * state and before a semaphore is touched, so while the spec holds it back (not enabled) it has
 * neither counted itself a waiter nor slept. When the spec grants the step the lock is free (a
 * token is there), and the implementation takes it at once.
 */
function guarded<L extends GuardLock>(
  name: SchedTarget, names: GuardedNames, spec: (cfg: MapConfig, shards?: number) => Target<GuardedState<L>>,
  make: (cfg: MapConfig, opts: SubjectOptions) => GuardedSubjectMap,
): ConformanceTarget<GuardedState<L>> {
  return {
    name,
    labels: SCHED_LABELS[name],
    spec,
    create(cfg, opts) {
      const map = make(cfg, opts);
      return {
        buffer: map.buffer,
        // A wait that should never happen gives up (LockWaitTimeout, a crash at that step) well
        // before the controller would call the worker unresponsive, so the verdict names it.
        waitMs: Math.max(1, Math.floor(opts.stepTimeoutMs / 2)),
        // Each shard's map and lock; a crash changes nothing here (the implementation releases
        // no lock on the way out of a fatal, nor does Go).
        difference: (s) => guardedDifference(s, map.inspect(), names),
        // Every lock access is a step of its own on both sides (the hooks stand before exactly the
        // spec's atomics and semaphore operations), so the lock words agree after every step. The
        // maps are judged at the end only, as the plain map is.
        stepDifference: (s) => lockDifference(s, map.inspect(), names),
      };
    },
    // The guarded maps' ranges visit the plain maps' buckets: as for hmap, order is not compared.
    sameResult: resultsMatch,
  };
}

const arena = (opts: SubjectOptions): { arenaBuckets?: number } => (opts.arenaBuckets === undefined ? {} : { arenaBuckets: opts.arenaBuckets });
const single = (lock: string): GuardedNames => ({ lock: () => lock, map: () => '' });

export const MUTEX_MAP: ConformanceTarget<GuardedState<Mutex>> = guarded(
  'mutex-map', single('mu'), (cfg) => mutexMapTarget(cfg), (cfg, opts) => SharedMutexMap.create(cfg, arena(opts)),
);

export const RWMUTEX_MAP: ConformanceTarget<GuardedState<RWMutex>> = guarded(
  'rwmutex-map', single('rw'), (cfg) => rwmutexMapTarget(cfg), (cfg, opts) => SharedRWMutexMap.create(cfg, arena(opts)),
);

export const SHARDED_MAP: ConformanceTarget<GuardedState<RWMutex>> = guarded(
  'sharded-map', { lock: (i) => `s${i}:rw`, map: (i) => `s${i}:` }, (cfg, shards) => shardedMapTarget(cfg, shards),
  (cfg, opts) => SharedShardedMap.create(cfg, { ...arena(opts), ...(opts.shards === undefined ? {} : { shards: opts.shards }) }),
);

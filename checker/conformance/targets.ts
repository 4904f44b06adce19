import { isDeepStrictEqual } from 'node:util';
import { SharedGoMap } from '../../impl/hmap/map.js';
import type { SchedMap, SchedTarget } from '../../impl/sched/types.js';
import { SCHED_LABELS } from '../../impl/sched/labels.js';
import { SharedSyncMap } from '../../impl/syncmap/map.js';
import type { MapConfig } from '../../spec/config.js';
import type { MState } from '../../spec/hmap/machine.js';
import { hmapTarget } from '../../spec/hmap/target.js';
import { resultsMatch } from '../../spec/model.js';
import type { SyncMapState } from '../../spec/syncmap/state.js';
import { syncmapTarget } from '../../spec/syncmap/target.js';
import type { Target } from '../../spec/target.js';
import type { OpResult } from '../../spec/types.js';
import { finalDifference } from './final.js';
import { MUTEX_MAP, RWMUTEX_MAP, SHARDED_MAP } from './guarded.js';
import { imageToHmap } from './image.js';
import { syncmapDifference } from './syncmap-final.js';
import type { FinalPart } from './verdict.js';

export type Difference = { part: FinalPart; expected: string; actual: string };

/** How the map is sized and how long a worker may take; the run's options that reach the map. */
export interface SubjectOptions {
  stepTimeoutMs: number;
  /** Buckets in the plain map's arena (each shard's, for the guarded maps; default DEFAULT_ARENA_BUCKETS). */
  arenaBuckets?: number;
  /** Words in sync.Map's arena (default DEFAULT_ARENA_WORDS). */
  arenaWords?: number;
  /** The sharded map's shard count (the trace's `shards`; its default when absent). */
  shards?: number;
}

/** One real map the workers share, and how to hold it against the spec's state. */
export interface Subject<S> {
  buffer: SchedMap;
  /** Guarded maps: the bound on each worker's lock waits (WorkerInput.waitMs). */
  waitMs?: number;
  /**
   * The first part of the map that differs from the spec's state `s`, or undefined. Only called
   * while every worker stands at a scheduling point or has ended (the map is quiet). `crashed`:
   * the execution ended in a crash, so whatever the dead goroutine held is left out.
   */
  difference(s: S, crashed: boolean): Difference | undefined;
  /**
   * Present where some of the map agrees with the spec's at every scheduling point by
   * construction (see SYNCMAP below, and guarded.ts): the first such part that differs after a
   * step that is not the last (the last is judged by `difference`).
   */
  stepDifference?(s: S): Difference | undefined;
}

/** A target conformance can run: its spec, its implementation, and how to compare the two. */
export interface ConformanceTarget<S> {
  name: SchedTarget;
  /** The label table of the wire (a label's index is its id). */
  labels: readonly string[];
  spec(cfg: MapConfig, shards?: number): Target<S>;
  create(cfg: MapConfig, opts: SubjectOptions): Subject<S>;
  /** Whether an operation's result is the spec's. */
  sameResult(expected: OpResult, actual: OpResult): boolean;
}

const HMAP: ConformanceTarget<MState> = {
  name: 'hmap',
  labels: SCHED_LABELS.hmap,
  spec: (cfg) => hmapTarget(cfg),
  create(cfg, opts) {
    const map = SharedGoMap.create(cfg, opts.arenaBuckets === undefined ? {} : { arenaBuckets: opts.arenaBuckets });
    // Judged at the end only: B, count, flags, contents, then every bucket.
    return { buffer: map.buffer, difference: (s) => finalDifference(s.h, imageToHmap(map.inspect())) };
  },
  // A range's yield order is not compared (resultsMatch sorts the pairs), as before sync.Map.
  sameResult: resultsMatch,
};

const SYNCMAP: ConformanceTarget<SyncMapState> = {
  name: 'syncmap',
  labels: SCHED_LABELS.syncmap,
  spec: (cfg) => syncmapTarget(cfg),
  create(cfg, opts) {
    const map = SharedSyncMap.create(cfg, {
      ...(opts.arenaWords === undefined ? {} : { arenaWords: opts.arenaWords }),
      // Under control only the granted worker runs, so a Lock that finds mu held can never get it:
      // the spec never grants a Lock while mu is held, so the implementation holds mu where the
      // spec does not. The Lock then gives up (LockTimeoutError, a crash at that step) well before
      // the controller would call the worker unresponsive, so the verdict names what happened.
      lockTimeoutMs: Math.max(1, Math.floor(opts.stepTimeoutMs / 2)),
    });
    return {
      buffer: map.buffer,
      difference: (s, crashed) => syncmapDifference(s.mem, map.inspect(), { mu: !crashed }),
      // Every step ends at a scheduling point on both sides, with the same plain writes to dirty and
      // misses done (Go makes them under mu, between two steps), so the states agree after each step.
      stepDifference: (s) => syncmapDifference(s.mem, map.inspect(), { mu: true }),
    };
  },
  // Both sides visit read.m in the order its keys were added (the spec's choice of Go's random order), so the yield order must agree too.
  sameResult: isDeepStrictEqual,
};

/** The targets with a real implementation to conform, by trace target name, in the order they are run. */
const TARGETS: Readonly<Record<string, ConformanceTarget<unknown>>> = {
  hmap: HMAP as ConformanceTarget<unknown>,
  syncmap: SYNCMAP as ConformanceTarget<unknown>,
  'mutex-map': MUTEX_MAP as ConformanceTarget<unknown>,
  'rwmutex-map': RWMUTEX_MAP as ConformanceTarget<unknown>,
  'sharded-map': SHARDED_MAP as ConformanceTarget<unknown>,
};

export const CONFORMANCE_TARGET_NAMES: readonly string[] = Object.keys(TARGETS);

export function conformanceTarget(name: string): ConformanceTarget<unknown> | undefined {
  return Object.hasOwn(TARGETS, name) ? TARGETS[name] : undefined;
}

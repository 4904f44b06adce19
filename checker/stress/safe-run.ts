/** Stress mode for the safe maps (mutex-map, rwmutex-map, sharded-map, syncmap): every round must be linearizable. */
import type { RoundLog } from '../../impl/stress/log.js';
import { Rng, roundPrograms } from '../../impl/stress/mix.js';
import { StressPool, StressWorkerError } from '../../impl/stress/pool.js';
import { createSafeMap, isSafeStressTarget, type MapBuffer, type SafeStressTarget } from '../../impl/stress/targets.js';
import { SharedSyncMap } from '../../impl/syncmap/map.js';
import type { MapConfig } from '../../spec/config.js';
import { mutexMapTarget, rwmutexMapTarget, shardedMapTarget } from '../../spec/guarded/index.js';
import { syncmapTarget } from '../../spec/syncmap/target.js';
import type { RangeMode } from '../verify/monitor.js';
import { isRacy } from './history.js';
import { judgeSafeRound, type SafeRoundVerdict } from './judge.js';
import { type ResolvedStressOptions, resolveStressOptions, StressInputError, type StressOptions } from './options.js';
import { MAX_STUCK_ROUNDS, type StressHarness } from './run.js';
import type { SafeStressReport } from './safe-report.js';
import { judgeSyncRound } from './sync-judge.js';

/** How the spec judges the target's range: a snapshot, or (sharded-map, syncmap) sync.Map's Range rule. */
export function rangeModeOf(target: SafeStressTarget, cfg: MapConfig): RangeMode {
  switch (target) {
    case 'mutex-map': return mutexMapTarget(cfg).range;
    case 'rwmutex-map': return rwmutexMapTarget(cfg).range;
    case 'sharded-map': return shardedMapTarget(cfg).range;
    case 'syncmap': return syncmapTarget(cfg).range;
  }
}

/**
 * sync.Map's arena never reuses a word: a round of 200 operations takes about 500 (boxes,
 * entries, a new dirty table after each promotion); the slack is for what a race might add.
 */
export function syncArenaWords(roundOps: number): number {
  return Math.max(1 << 12, 32 * roundOps);
}

/** A fresh map for one round, with what to post to the workers and how to judge the round on it afterwards. */
function roundMap(target: SafeStressTarget, o: ResolvedStressOptions, range: RangeMode): { buffer: MapBuffer; judge: (log: RoundLog) => SafeRoundVerdict } {
  if (target === 'syncmap') {
    const map = SharedSyncMap.create(o.config, { arenaWords: syncArenaWords(o.roundOps) });
    return { buffer: map.buffer, judge: (log) => judgeSyncRound(log, map.inspect(), o.keys) };
  }
  // As the plain map's run: a round never needs nearly this much, and no memory is reused.
  const arenaBuckets = Math.max(4096, 8 * o.roundOps);
  const map = createSafeMap(target, o.config, { arenaBuckets, ...(o.shards === undefined ? {} : { shards: o.shards }) });
  return { buffer: map.buffer, judge: (log) => judgeSafeRound(log, map.inspect(), o.config, o.keys, range) };
}

/**
 * Stress mode for the safe maps: W free-running workers run the seeded op mix on a fresh map per
 * round (a guarded map of impl/guarded, or a SharedSyncMap, attached in each worker with the
 * no-op hook), logging every call and return on the shared Atomics clock; the main thread, while
 * no worker runs, checks each round's history for linearizability against the sequential model,
 * together with the final map and its locks (judge.ts; sync.Map: its invariants, sync-judge.ts).
 * Any round that fails is a violation: these maps promise to be safe.
 *
 * Throws StressInputError on bad options before any worker starts, StressWorkerError when a
 * worker dies (or more than MAX_STUCK_ROUNDS rounds hang); every worker is terminated either way.
 */
export async function runSafeStress(options: StressOptions, harness: StressHarness = {}): Promise<SafeStressReport> {
  const o = resolveStressOptions(options);
  if (!isSafeStressTarget(o.target)) throw new StressInputError(`runSafeStress runs the safe maps; ${o.target} runs with runStress (run.ts)`);
  const target = o.target;
  const range = rangeModeOf(target, o.config);
  const rounds = Math.ceil(o.ops / o.roundOps);
  const started = performance.now();
  const start = (): Promise<StressPool> =>
    StressPool.start({
      target, workers: o.workers, config: o.config, capacity: Math.ceil(o.roundOps / o.workers),
      roundTimeoutMs: harness.roundTimeoutMs, readyTimeoutMs: harness.readyTimeoutMs, fault: harness.fault, onWorker: harness.onWorker,
    });
  let pool = await start();
  const report: SafeStressReport = {
    version: 1, target, config: o.config.name, ...(o.shards === undefined ? {} : { shards: o.shards }), workers: o.workers, keys: o.keys,
    seed: o.seed, mix: o.mixName, range, ops: o.ops, opsRun: 0, roundOps: o.roundOps, rounds, racy: 0, seconds: 0, roundSeconds: 0, violations: 0, undecided: 0,
  };
  let stuck = 0;
  let inRounds = 0;
  const tally = (round: number, v: SafeRoundVerdict): void => {
    if (v.class === 'violation') {
      report.violations++;
      report.firstViolation ??= { round, detail: v.detail, excerpt: v.excerpt };
    } else if (v.class === 'undecided') {
      report.undecided++;
      report.firstUndecided ??= { round, detail: v.detail };
    }
  };
  try {
    const rng = new Rng(o.seed);
    for (let r = 0; r < rounds; r++) {
      const n = Math.min(o.roundOps, o.ops - r * o.roundOps);
      const map = roundMap(target, o, range);
      const programs = roundPrograms(rng, n, o.workers, o.keys, o.mix);
      const t0 = performance.now();
      try {
        const log = await pool.runRound(r, map, programs);
        inRounds += performance.now() - t0;
        report.opsRun += log.workers.reduce((s, ops) => s + ops.length, 0);
        if (isRacy(log)) report.racy++;
        tally(r, map.judge(log));
      } catch (e) {
        // An operation that never returns is a deadlock or a lost wake-up: a violation, as long as it stays rare.
        if (!(e instanceof StressWorkerError && e.inOperation) || ++stuck > MAX_STUCK_ROUNDS) throw e;
        tally(r, { class: 'violation', detail: `stuck: ${e.message}`, excerpt: [] });
        await pool.close();
        pool = await start();
      }
      harness.onRound?.(r + 1, rounds);
    }
  } finally {
    await pool.close();
  }
  report.seconds = (performance.now() - started) / 1000;
  report.roundSeconds = inRounds / 1000;
  return report;
}

import type { Worker } from 'node:worker_threads';
import { SharedGoMap } from '../../impl/hmap/map.js';
import { Rng, roundPrograms } from '../../impl/stress/mix.js';
import { type PoolOptions, StressPool, StressWorkerError } from '../../impl/stress/pool.js';
import { classifyRound, type RoundVerdict, SILENT } from './classify.js';
import { resolveStressOptions, StressInputError, type StressOptions } from './options.js';
import { type StressReport, Tally } from './report.js';

/** Knobs for the harness itself, not the run: timeouts, and what tests need to watch or break. */
export interface StressHarness {
  roundTimeoutMs?: number;
  readyTimeoutMs?: number;
  /** Test only: a fault planted in one worker (see StressFault). */
  fault?: PoolOptions['fault'];
  onWorker?: (worker: Worker, w: number) => void;
  /** Called after each round (progress display). */
  onRound?: (done: number, rounds: number) => void;
}

/**
 * Rounds stuck inside a map operation that a run absorbs (each costs a round timeout and a fresh
 * set of workers) before it concludes the harness, not the map, is at fault.
 */
export const MAX_STUCK_ROUNDS = 3;

/**
 * Stress mode for the plain map: W free-running workers hammer one SharedGoMap per round with a
 * seeded op mix; each round's history (positions on a shared Atomics clock) and final memory are
 * judged by classifyRound. Rounds run one after another, and the main thread checks a round only
 * while no worker runs, so the checker never takes a core from the workers it is watching.
 *
 * Throws StressInputError (one line) on bad options before any worker starts; StressWorkerError
 * when a worker dies or hangs; StressBugError when the map throws something that is not Go's.
 * In every case every worker is terminated before it returns or throws.
 */
export async function runStress(options: StressOptions, harness: StressHarness = {}): Promise<StressReport> {
  const o = resolveStressOptions(options);
  if (o.target !== 'hmap') throw new StressInputError(`runStress runs the plain map; ${o.target} runs with runSafeStress (safe-run.ts)`);
  const rounds = Math.ceil(o.ops / o.roundOps);
  // Sequentially a round of 200 operations over 4 keys allocates under 40 buckets; the slack is
  // for races that inflate count and grow the map again and again (arena full is then a finding).
  const arenaBuckets = Math.max(4096, 8 * o.roundOps);
  const started = performance.now();
  const start = (): Promise<StressPool> =>
    StressPool.start({
      workers: o.workers, config: o.config, capacity: Math.ceil(o.roundOps / o.workers),
      roundTimeoutMs: harness.roundTimeoutMs, readyTimeoutMs: harness.readyTimeoutMs, fault: harness.fault, onWorker: harness.onWorker,
    });
  let pool = await start();
  const tally = new Tally();
  let stuck = 0;
  try {
    const rng = new Rng(o.seed);
    for (let r = 0; r < rounds; r++) {
      const n = Math.min(o.roundOps, o.ops - r * o.roundOps);
      const map = SharedGoMap.create(o.config, { arenaBuckets });
      const programs = roundPrograms(rng, n, o.workers, o.keys, o.mix);
      try {
        const log = await pool.runRound(r, map, programs);
        tally.add(r, classifyRound(log, map.inspect(), o.config, o.keys), log.workers.reduce((s, ops) => s + ops.length, 0));
      } catch (e) {
        // A race can send an operation round a corrupted chain for ever; Go would hang there too.
        if (!(e instanceof StressWorkerError && e.inOperation) || ++stuck > MAX_STUCK_ROUNDS) throw e;
        tally.add(r, stuckVerdict(e, o.workers > 1), 0);
        await pool.close();
        pool = await start();
      }
      harness.onRound?.(r + 1, rounds);
    }
  } finally {
    await pool.close();
  }
  return {
    version: 1, target: o.target, config: o.config.name, workers: o.workers, keys: o.keys, seed: o.seed, mix: o.mixName, ops: o.ops,
    opsRun: tally.opsRun, roundOps: o.roundOps, seconds: (performance.now() - started) / 1000,
    all: tally.all, racy: tally.racy, raceFree: tally.raceFree, anomalies: tally.anomalies, wrongReadBeforeFatal: tally.wrongReadBeforeFatal,
    outcomes: tally.outcomes, silentKinds: tally.silentKinds, examples: tally.examples,
  };
}

/**
 * A round whose operation never returned: Go has no check for that, so it is silent damage. Its
 * log is incomplete (the workers were terminated), so its operations are not counted in opsRun.
 * It counts as racy unless there was one worker, whose operations always return: then it is an
 * anomaly (a bug of impl/).
 */
function stuckVerdict(e: StressWorkerError, racy: boolean): RoundVerdict {
  return { class: 'silent', outcome: `silent: ${SILENT.stuck}`, kinds: [SILENT.stuck], detail: e.message, racy };
}

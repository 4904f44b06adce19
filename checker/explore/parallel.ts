import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TSX_PRELOAD } from '../../impl/sched/controller.js';
import type { CheckOptions } from '../cli/options.js';
import type { ExploreResult } from './search.js';
import { SharedFingerprintTable } from './shared-table.js';

const WORKER_FILE = new URL('./parallel-worker.ts', import.meta.url);

/** Room for 12 million states at three quarters full: 256 MiB of table, the depth-6 runs need a third. */
const LOG2_CAPACITY = 24;

/** The workers `--workers` defaults to: one per core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * explore() on `workers` threads sharing one visited set: the same states, end states, outcome
 * counts and verdict as the single-threaded search (the state keys are canonical, so which
 * worker meets a state first does not matter), in less time. `onProgress` is polled from the
 * shared state count. Every worker is terminated before this returns or throws.
 */
export async function exploreParallel(options: CheckOptions, workers: number, onProgress?: (states: number) => void): Promise<ExploreResult> {
  const visited = SharedFingerprintTable.create(LOG2_CAPACITY);
  const ended = SharedFingerprintTable.create(20);
  const control = new SharedArrayBuffer(4);
  const threads: Worker[] = [];
  const timer = onProgress && setInterval(() => onProgress(visited.size), 500);
  try {
    const results = await Promise.all(Array.from({ length: workers }, () => new Promise<{ outcomes: Record<string, number>; breached: boolean }>((done, fail) => {
      const w = new Worker(WORKER_FILE, { workerData: { options, visited: visited.buffers, ended: ended.buffers, control }, execArgv: ['--import', TSX_PRELOAD] });
      threads.push(w);
      w.once('message', done);
      w.once('error', fail);
      w.once('exit', (code) => fail(new Error(`a search worker exited (code ${code}) before it reported`)));
    })));
    const outcomes = new Map<string, number>();
    for (const r of results) for (const [c, n] of Object.entries(r.outcomes)) outcomes.set(c, (outcomes.get(c) ?? 0) + n);
    return {
      states: visited.size, executions: ended.size, outcomes, breached: results.some((r) => r.breached),
      visitedBytes: visited.bytes + ended.bytes,
    };
  } finally {
    if (timer) clearInterval(timer);
    await Promise.all(threads.map((w) => w.terminate()));
  }
}

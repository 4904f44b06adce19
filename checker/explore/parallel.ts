/** The parallel search: worker threads and the main thread share one visited set and a list of work items (parallel-share.ts). */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TSX_PRELOAD } from '../../impl/sched/controller.js';
import type { CheckOptions } from '../cli/options.js';
import type { ExploreResult } from './search.js';
import { searchShare, type ShareInput, type ShareResult } from './parallel-share.js';
import { SharedFingerprintTable } from './shared-table.js';
import { Mailbox } from './mailbox.js';

const WORKER_FILE = new URL('./parallel-worker.ts', import.meta.url);

/**
 * The shared visited set starts as small as the single search's and doubles as it fills (see
 * SharedFingerprintTable), up to room for 50 million states: 1 GiB of address space reserved,
 * of which only the part in use is touched (sync.Map at depth 6 grows it to 64 MiB).
 */
const LOG2_START = 16;
const LOG2_MAX = 26;

/** The workers `--workers` defaults to: one per core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * explore() on `workers` threads sharing one visited set: the same states, end states, outcome
 * counts and verdict as the single-threaded search (the state keys are canonical, so which
 * participant meets a state first does not matter), in less time. `onProgress` sees the shared
 * state count now and then. Before this returns, its threads are back in the pool for the next
 * search (SearchThreads); before it throws, they are terminated.
 */
export async function exploreParallel(
  options: CheckOptions, workers: number, onProgress?: (states: number) => void, tuning: Pick<ShareInput, 'donateEvery'> & { fingerprints?: boolean } = {},
): Promise<ExploreResult & { visitedFingerprints?: Uint32Array }> {
  const visited = SharedFingerprintTable.create(LOG2_START, LOG2_MAX, workers);
  const ended = SharedFingerprintTable.create(LOG2_START, LOG2_MAX, workers);
  const input: ShareInput = {
    options, visited: visited.buffers, ended: ended.buffers, control: new SharedArrayBuffer(12), participants: workers, mail: Mailbox.create(workers),
    ...(tuning.donateEvery === undefined ? {} : { donateEvery: tuning.donateEvery }),
  };
  const threads = Array.from({ length: workers - 1 }, () => SEARCH_THREADS.take());
  let finished = false;
  try {
    // workers - 1 threads, and the main thread as the last participant; every one waits until
    // all are ready (parallel-share.ts, `startTogether`), since a new thread loads its modules first.
    const shares = threads.map((w) => share(w, input));
    const mine = searchShare(input, onProgress);
    const results = [mine, ...(await Promise.all(shares))];
    finished = true;
    const outcomes = new Map<string, number>();
    for (const r of results) for (const [c, n] of Object.entries(r.outcomes)) outcomes.set(c, (outcomes.get(c) ?? 0) + n);
    return {
      states: visited.size, explored: results.reduce((sum, r) => sum + r.explored, 0), executions: ended.size, outcomes, breached: results.some((r) => r.breached),
      handedOver: results.reduce((sum, r) => sum + r.handedOver, 0),
      visitedBytes: visited.bytes + ended.bytes,
      ...(tuning.fingerprints ? { visitedFingerprints: visited.triples() } : {}),
    };
  } finally {
    // A thread that reported goes back to be used again; after a failure none is trusted.
    if (finished) for (const w of threads) SEARCH_THREADS.release(w);
    else await Promise.all(threads.map((w) => w.terminate()));
  }
}

/** Runs one share of the search on thread w, which answers with its ShareResult. */
function share(w: Worker, input: ShareInput): Promise<ShareResult> {
  return new Promise<ShareResult>((done, fail) => {
    const stop = (): void => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    const onMessage = (r: ShareResult): void => (stop(), done(r));
    const onError = (e: Error): void => (stop(), fail(e));
    const onExit = (code: number): void => (stop(), fail(new Error(`a search worker exited (code ${code}) before it reported`)));
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(input);
  });
}

/**
 * Search threads kept from one search to the next: a new one spends about 0.3 s loading tsx and
 * the checker's modules while the others wait for it (measured), which the main job paid for
 * each of its five targets. An idle thread does not keep the process alive; one in use does. A
 * thread that ends while idle (killed, or out of memory) leaves the pool, so no search is handed
 * to it; one that ends during a search fails that search (`share`) and is not given back.
 */
class SearchThreads {
  private readonly idle: Worker[] = [];

  take(): Worker {
    const w = this.idle.pop() ?? this.start();
    w.ref();
    return w;
  }

  release(w: Worker): void {
    w.unref();
    this.idle.push(w);
  }

  /** The idle threads, for tests. */
  idleNow(): readonly Worker[] {
    return [...this.idle];
  }

  private start(): Worker {
    const w = new Worker(WORKER_FILE, { execArgv: ['--import', TSX_PRELOAD] });
    w.on('exit', () => {
      const at = this.idle.indexOf(w);
      if (at >= 0) this.idle.splice(at, 1);
    });
    // An idle thread's error is followed by its exit, above; a search's own listener reports one in use.
    w.on('error', () => {});
    return w;
  }
}

const SEARCH_THREADS = new SearchThreads();

/** The search threads now waiting for a search (for tests: that they are kept, and dropped when they end). */
export function idleSearchThreads(): readonly Worker[] {
  return SEARCH_THREADS.idleNow();
}

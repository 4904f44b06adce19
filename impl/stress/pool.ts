import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MapConfig } from '../../spec/config.js';
import { ARRIVED, CLOCK, controlBuffer, FINISHED, GO, logBuffer, PHASE, phaseWord, readRoundLog, type RoundLog, STOP } from './log.js';
import { type Program, programLength } from './program.js';
import type { MapBuffer, StressTarget } from './targets.js';
import type { RoundMessage, StressFault, StressWorkerInput, WorkerMessage } from './types.js';

/**
 * A worker died, failed, or did not finish a round in time. The pool is unusable afterwards:
 * close() it. `inOperation` is set when the round timed out with a worker inside its operations
 * (past the barrier, not finished): most likely a map operation that a race sent into a loop,
 * which a caller may count as an outcome of the round rather than a failure of the harness.
 */
export class StressWorkerError extends Error {
  constructor(message: string, readonly inOperation = false) {
    super(message);
    this.name = 'StressWorkerError';
  }
}

export interface PoolOptions {
  /** The map the rounds run on (default the plain map, 'hmap'). */
  target?: StressTarget;
  workers: number;
  config: MapConfig;
  /** The most operations one worker runs in one round (the log's records per worker). */
  capacity: number;
  /** Starting a worker loads TypeScript through tsx: seconds on a loaded machine. */
  readyTimeoutMs?: number;
  /** A round is a few hundred operations (milliseconds): past this a worker hangs or a racy map loops. */
  roundTimeoutMs?: number;
  /** Test only: a fault planted in one worker. */
  fault?: { w: number } & StressFault;
  /** Called with each worker as it is created (tests watch its 'exit'). */
  onWorker?: (worker: Worker, w: number) => void;
}

export const DEFAULT_ROUND_TIMEOUT_MS = 10_000;
/** Spinning at the start barrier, while every worker has a core of its own (see worker.ts). */
const SPIN_MS = 20;
const DEFAULT_READY_TIMEOUT_MS = 60_000;

const WORKER_FILE = new URL('./worker.ts', import.meta.url);
/** Workers start with a fresh loader: this preload registers tsx there (Node 20 cannot run .ts). */
const TSX_PRELOAD = new URL('../tsx-register.mjs', import.meta.url).href;

interface Waiter {
  round: number;
  done: boolean[];
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * W free-running workers kept for a whole stress run (starting one costs about a second), fed
 * one round at a time. The main thread never blocks: it sends each worker its program and waits
 * for their 'done' messages, with a timeout. A worker that exits, errors, or reports a failure
 * breaks the pool; always close() it (try/finally), which terminates every worker.
 */
export class StressPool {
  private readonly control: SharedArrayBuffer;
  private readonly ctl: Int32Array;
  private readonly log: SharedArrayBuffer;
  private readonly workers: Worker[] = [];
  private waiter: Waiter | undefined;
  private broken: StressWorkerError | undefined;
  private closed = false;

  private constructor(private readonly opts: PoolOptions) {
    this.control = controlBuffer(opts.workers);
    this.ctl = new Int32Array(this.control);
    this.log = logBuffer(opts.workers, opts.capacity);
  }

  static async start(opts: PoolOptions): Promise<StressPool> {
    const pool = new StressPool(opts);
    try {
      await pool.spawn();
      return pool;
    } catch (e) {
      await pool.close();
      throw e;
    }
  }

  /**
   * Runs one round: worker w runs programs[w] on `map` (fresh, made for this round, of the
   * pool's target: a SharedGoMap, or a guarded map of impl/guarded). Resolves
   * with the log once every worker is done; rejects with StressWorkerError on death or timeout.
   */
  async runRound(round: number, map: { readonly buffer: MapBuffer }, programs: readonly Program[]): Promise<RoundLog> {
    if (this.broken) throw this.broken;
    if (this.closed) throw new StressWorkerError('the stress pool is closed');
    if (programs.length !== this.workers.length) throw new RangeError(`${programs.length} programs for ${this.workers.length} workers`);
    for (const p of programs) {
      if (programLength(p) > this.opts.capacity) throw new RangeError(`a program of ${programLength(p)} operations exceeds the log's ${this.opts.capacity} records`);
    }
    // Atomic stores, after the map was made: a worker's first atomic access of the control words
    // then also makes the fresh map's header visible to it.
    for (const word of [CLOCK, ARRIVED, GO, STOP, FINISHED]) Atomics.store(this.ctl, word, 0);
    this.workers.forEach((_, w) => Atomics.store(this.ctl, phaseWord(w), PHASE.idle));
    const finished = new Promise<void>((resolve, reject) => {
      this.waiter = { round, done: this.workers.map(() => false), resolve, reject };
    });
    this.workers.forEach((w, i) => {
      const m: RoundMessage = { type: 'round', round, map: map.buffer, program: programs[i]! };
      w.postMessage(m);
    });
    const ms = this.opts.roundTimeoutMs ?? DEFAULT_ROUND_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const late = this.lateness(round, ms);
        reject(this.fail(late.message, late.inOperation));
      }, ms);
    });
    try {
      await Promise.race([finished, timeout]);
    } finally {
      clearTimeout(timer);
      this.waiter = undefined;
    }
    // Acquire: the workers' bumps of FINISHED publish their plain log writes.
    const n = Atomics.load(this.ctl, FINISHED);
    if (n !== this.workers.length) throw this.fail(`round ${round}: ${n} of ${this.workers.length} workers finished`);
    return readRoundLog(this.log, this.workers.length, this.opts.capacity);
  }

  /** Where each worker stands in the current round (PHASE of log.ts), read now: for tests, and for timeouts below. */
  phases(): number[] {
    return this.workers.map((_, w) => Atomics.load(this.ctl, phaseWord(w)));
  }

  /** Who kept a round from finishing: a worker that never reached the barrier holds up the others there. */
  private lateness(round: number, ms: number): { message: string; inOperation: boolean } {
    const now = this.phases();
    const at = (phase: number): number[] => now.flatMap((p, w) => (p === phase ? [w] : []));
    const names = (ws: number[]): string => ws.map((w) => `worker ${w}`).join(', ');
    const absent = at(PHASE.idle);
    if (absent.length > 0) return { message: `${names(absent)} did not start round ${round} within ${ms} ms (the worker hangs or is stuck)`, inOperation: false };
    const running = at(PHASE.running);
    if (running.length > 0) {
      return { message: `${names(running)} did not finish round ${round} within ${ms} ms (a racy map operation loops, or the worker hangs)`, inOperation: true };
    }
    return { message: `round ${round} did not finish within ${ms} ms`, inOperation: false };
  }

  /** Terminates every worker and waits until each has stopped; gives their exit codes. */
  async close(): Promise<number[]> {
    this.closed = true;
    return Promise.all(this.workers.map((w) => w.terminate()));
  }

  private async spawn(): Promise<void> {
    const ready: Array<Promise<void>> = [];
    for (let w = 0; w < this.opts.workers; w++) {
      const fault = this.opts.fault?.w === w ? { round: this.opts.fault.round, kind: this.opts.fault.kind } : undefined;
      const workerData: StressWorkerInput = {
        ...(this.opts.target === undefined ? {} : { target: this.opts.target }),
        config: this.opts.config, w, workers: this.opts.workers, control: this.control, log: this.log,
        capacity: this.opts.capacity,
        // The round timeout (main thread) names the worker that never came; a worker's own give-up
        // at the barrier is a backstop, and must not win that race on a loaded machine.
        barrierTimeoutMs: 2 * (this.opts.roundTimeoutMs ?? DEFAULT_ROUND_TIMEOUT_MS),
        // The main thread sleeps while a round runs, so every core is the workers'.
        spinMs: this.opts.workers <= availableParallelism() ? SPIN_MS : 0,
        ...(fault ? { fault } : {}),
      };
      const worker = new Worker(WORKER_FILE, { workerData, execArgv: ['--import', TSX_PRELOAD] });
      this.workers.push(worker);
      this.opts.onWorker?.(worker, w);
      ready.push(this.watch(worker, w));
    }
    const ms = this.opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.fail(`the stress workers did not start within ${ms} ms`)), ms);
    });
    try {
      await Promise.race([Promise.all(ready), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Listens to worker w for its whole life; resolves on 'ready'. */
  private watch(worker: Worker, w: number): Promise<void> {
    return new Promise((resolve, reject) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'failed') this.fail(`worker ${w} failed in round ${m.round}: ${m.message}`);
        else if (m.type === 'done') this.arrived(w, m.round);
      });
      // Kept for the worker's whole life: an 'error' event without a listener would crash us.
      worker.on('error', (e) => reject(this.fail(`worker ${w} crashed: ${e.message}`)));
      worker.on('exit', (code) => {
        if (!this.closed) reject(this.fail(`worker ${w} exited with code ${code}`));
      });
    });
  }

  private arrived(w: number, round: number): void {
    const waiter = this.waiter;
    if (!waiter || waiter.round !== round) return;
    waiter.done[w] = true;
    if (waiter.done.every(Boolean)) waiter.resolve();
  }

  /** Marks the pool broken (the first cause wins) and rejects the round in progress. */
  private fail(message: string, inOperation = false): StressWorkerError {
    this.broken ??= new StressWorkerError(message, inOperation);
    this.waiter?.reject(this.broken);
    return this.broken;
  }
}

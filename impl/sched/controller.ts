import { Worker } from 'node:worker_threads';
import type { OpResult } from '../../spec/types.js';
import { controlBuffer, DEFAULT_PAYLOAD_CHARS, type Report, REPORT_KIND, Slot } from './protocol.js';
import { readyOf, terminateAll, withTimeout } from './threads.js';
import type { NestedCall, Returned, ThrownError, WorkerInput } from './types.js';

/** Where a controlled goroutine stands between two grants. */
export type GoroutineState =
  /** Blocked at a scheduling point, before the access this label names. */
  | { kind: 'at'; label: string }
  /** Ran its whole program. */
  | { kind: 'done' }
  /** Its operation threw: a Go crash (goKind set) or another error. The program ended there. */
  | { kind: 'threw'; error: ThrownError }
  /** The worker failed outside any operation (a bug of the harness or the worker). */
  | { kind: 'failed'; message: string };

/** A worker that did not report within the time allowed (it hangs, or it died). */
export class Unresponsive extends Error {
  constructor(readonly g: number, readonly waitedMs: number, what: string) {
    super(`G${g} did not report within ${waitedMs} ms ${what}`);
    this.name = 'Unresponsive';
  }
}

export interface ControllerOptions {
  /** One input per goroutine, without the fields the controller fills in. */
  goroutines: Array<Pick<WorkerInput, 'target' | 'config' | 'map' | 'program' | 'fault' | 'waitMs'>>;
  /** Step label of each id on the wire: the target's SCHED_LABELS table (labels.ts), as the worker has it. */
  labels: readonly string[];
  /** How long a granted worker may take to report before it counts as hung or dead. */
  stepTimeoutMs?: number;
  /** How long starting a worker (loading TypeScript through tsx) may take. */
  readyTimeoutMs?: number;
  payloadChars?: number;
  /** Called with each worker as it is created (to watch its 'exit', say). */
  onWorker?: (w: Worker, g: number) => void;
}

export const DEFAULT_STEP_TIMEOUT_MS = 5_000;
const DEFAULT_READY_TIMEOUT_MS = 60_000;

const WORKER_FILE = new URL('./worker.ts', import.meta.url);
/** Workers start with a fresh loader: this preload registers tsx there (Node 20 cannot run .ts). */
export const TSX_PRELOAD = new URL('../tsx-register.mjs', import.meta.url).href;

/**
 * Drives one worker per goroutine along a schedule: `step(g)` lets goroutine g make exactly one
 * shared access and waits until it stands at its next scheduling point (or has returned, thrown,
 * or finished). The waits block the calling thread (Atomics.wait, always with a timeout): the
 * hand-off is as fast as the memory allows, and a hung or dead worker is noticed after
 * stepTimeoutMs. Always close() it (try/finally): that terminates every worker.
 */
export class Controller {
  private readonly states: GoroutineState[];
  private readonly returned: OpResult[][];
  private readonly nestedOf: NestedCall[][][];

  private constructor(
    private readonly workers: Worker[],
    private readonly slots: Slot[],
    private readonly labels: readonly string[],
    private readonly stepTimeoutMs: number,
  ) {
    this.states = slots.map(() => ({ kind: 'done' }));
    this.returned = slots.map(() => []);
    this.nestedOf = slots.map(() => []);
  }

  /** Starts the workers, waits until each is ready, then until each stands at its first point. */
  static async start(opts: ControllerOptions): Promise<Controller> {
    const payloadChars = opts.payloadChars ?? DEFAULT_PAYLOAD_CHARS;
    const control = controlBuffer(opts.goroutines.length, payloadChars);
    const stepTimeoutMs = opts.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    // Generous: a dead controller is the only reason to give up, and terminate() ends workers first.
    const patienceMs = Math.max(60_000, 4 * stepTimeoutMs);
    const workers: Worker[] = [];
    let started = false;
    try {
      const ready: Array<Promise<void>> = [];
      for (const [g, input] of opts.goroutines.entries()) {
        const workerData: WorkerInput = { ...input, control, payloadChars, g, patienceMs };
        const w = new Worker(WORKER_FILE, { workerData, execArgv: ['--import', TSX_PRELOAD] });
        workers.push(w);
        opts.onWorker?.(w, g);
        ready.push(readyOf(w, g));
      }
      await withTimeout(Promise.all(ready), opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS, 'workers did not start');
      const slots = opts.goroutines.map((_, g) => new Slot(control, g, payloadChars));
      const c = new Controller(workers, slots, opts.labels, stepTimeoutMs);
      for (let g = 0; g < slots.length; g++) c.settle(g, 'after starting');
      started = true;
      return c;
    } finally {
      if (!started) await terminateAll(workers);
    }
  }

  get goroutines(): number {
    return this.slots.length;
  }

  state(g: number): GoroutineState {
    return this.states[g]!;
  }

  /** Results of g's operations that returned, in order. */
  results(g: number): readonly OpResult[] {
    return this.returned[g]!;
  }

  /** The calls a Range callback made inside each of g's returned operations (empty for the others), in order. */
  nested(g: number): readonly NestedCall[][] {
    return this.nestedOf[g]!;
  }

  /**
   * Grants goroutine g (standing at a scheduling point) its step and returns where it stands
   * next. Throws Unresponsive when it does not report in time.
   */
  step(g: number): GoroutineState {
    const s = this.states[g];
    if (s?.kind !== 'at') throw new Error(`G${g} is not at a scheduling point (${s?.kind ?? 'no such goroutine'})`);
    this.slots[g]!.grant();
    return this.settle(g, `after being granted "${s.label}"`);
  }

  /** Worker threads this controller started (one per goroutine: a reset starts none). */
  get threads(): number {
    return this.workers.length;
  }

  /**
   * Runs a new program per goroutine on the same threads, each on the map in its input (a fresh
   * one): a thread start costs about half a second, a reset a few hand-offs. A program still
   * standing at a scheduling point is ended first (an aborting grant unwinds it; its map is
   * dropped, so what it held does not matter); then every worker gets its input and the reset
   * returns once each stands at its first point, as start() does. Throws Unresponsive when a worker
   * does not answer in time, and an Error when one failed: close() the controller then, and start
   * another, since such a worker cannot be trusted with the next schedule.
   */
  reset(goroutines: ControllerOptions['goroutines']): void {
    if (goroutines.length !== this.slots.length) throw new Error(`a reset must keep the ${this.slots.length} goroutines (got ${goroutines.length})`);
    for (const [g, slot] of this.slots.entries()) {
      const s = this.states[g]!;
      if (s.kind === 'failed') throw new Error(`G${g}'s worker failed (${s.message}): it is not reused`);
      if (s.kind !== 'at') continue;
      slot.abort();
      const r = slot.awaitReport(this.stepTimeoutMs);
      if (r === undefined) throw new Unresponsive(g, this.stepTimeoutMs, 'after being told to abort its program');
      slot.clearAbort();
      if (r.kind !== REPORT_KIND.aborted) throw new Error(`G${g}'s worker answered an abort with report kind ${r.kind}: it is not reused`);
    }
    for (let g = 0; g < this.slots.length; g++) {
      this.states[g] = { kind: 'done' };
      this.returned[g] = [];
      this.nestedOf[g] = [];
      // Only an idle worker reads messages: every one here has ended its program (done, threw or aborted).
      this.workers[g]!.postMessage({ type: 'reset', input: goroutines[g] });
    }
    for (let g = 0; g < this.slots.length; g++) this.settle(g, 'after a reset');
  }

  /** Terminates every worker and waits until each has exited; gives their exit codes. */
  close(): Promise<number[]> {
    return terminateAll(this.workers);
  }

  /** Reads g's reports until it stands somewhere: past returns (each granted on at once) to a point or an end. */
  private settle(g: number, what: string): GoroutineState {
    const slot = this.slots[g]!;
    for (;;) {
      const r = slot.awaitReport(this.stepTimeoutMs);
      if (r === undefined) throw new Unresponsive(g, this.stepTimeoutMs, what);
      if (r.kind === REPORT_KIND.returned) {
        const { result, nested } = JSON.parse(r.payload) as Returned;
        this.returned[g]!.push(result);
        this.nestedOf[g]!.push(nested ?? []);
        // Starting the next operation makes no shared access: let it run to its first point.
        slot.grant();
        continue;
      }
      return (this.states[g] = this.stateOf(r));
    }
  }

  private stateOf(r: Report): GoroutineState {
    switch (r.kind) {
      case REPORT_KIND.at:
        return { kind: 'at', label: this.labels[r.label] ?? `<unknown label id ${r.label}>` };
      case REPORT_KIND.done:
        return { kind: 'done' };
      case REPORT_KIND.threw:
        return { kind: 'threw', error: JSON.parse(r.payload) as ThrownError };
      case REPORT_KIND.failed:
        return { kind: 'failed', message: (JSON.parse(r.payload) as ThrownError).message };
      case REPORT_KIND.aborted:
        return { kind: 'failed', message: 'left its program without being told to abort' };
      default:
        return { kind: 'failed', message: `unexpected report kind ${r.kind}` };
    }
  }
}

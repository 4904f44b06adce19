import { Controller, type ControllerOptions } from '../../impl/sched/controller.js';

/**
 * Where conformTrace gets the controller (and its worker threads) for one schedule, and where it
 * hands it back. `healthy`: every worker answered to the end of the schedule, so the threads may
 * run another one.
 */
export interface WorkerSource {
  acquire(opts: ControllerOptions): Promise<Controller>;
  release(ctl: Controller, healthy: boolean): Promise<void>;
}

/** Fresh threads per schedule, terminated after it: what a single trace needs. */
export const FRESH_WORKERS: WorkerSource = {
  acquire: (opts) => Controller.start(opts),
  release: async (ctl) => {
    await ctl.close();
  },
};

/**
 * Keeps the threads of the last schedule and resets them for the next one of the same target and
 * goroutine count (Controller.reset): starting threads costs about half a second per schedule,
 * a reset milliseconds. A schedule that ended unhealthy (a worker hung, died or failed) gets its
 * threads terminated, and a reset that fails closes them: the next schedule then starts fresh
 * ones, so one bad worker never carries over. Always close() it at the end.
 */
export class ReusedWorkers implements WorkerSource {
  private idle: Controller | undefined;
  private idleKey = '';
  /** Threads started so far (tests check that schedules share them). */
  threadsStarted = 0;
  /** Schedules that ran on reused threads. */
  resets = 0;

  async acquire(opts: ControllerOptions): Promise<Controller> {
    const key = keyOf(opts);
    const idle = this.idle;
    this.idle = undefined;
    if (idle && this.idleKey === key) {
      try {
        idle.reset(opts.goroutines);
        this.resets++;
        return idle;
      } catch {
        // Whatever went wrong, fresh threads tell: a fault of the new schedule shows up again there.
        await idle.close();
      }
    } else if (idle) {
      await idle.close();
    }
    // Counted before the start: threads that fail to get ready were started all the same.
    this.threadsStarted += opts.goroutines.length;
    const ctl = await Controller.start(opts);
    this.idleKey = key;
    return ctl;
  }

  async release(ctl: Controller, healthy: boolean): Promise<void> {
    if (healthy && this.idle === undefined) this.idle = ctl;
    else await ctl.close();
  }

  async close(): Promise<void> {
    const idle = this.idle;
    this.idle = undefined;
    await idle?.close();
  }
}

/** What threads must share to be reused: the target they load, the goroutine count, the timeouts. */
function keyOf(opts: ControllerOptions): string {
  const target = opts.goroutines[0]?.target ?? '';
  return JSON.stringify([target, opts.goroutines.length, opts.stepTimeoutMs, opts.payloadChars, opts.labels.length]);
}

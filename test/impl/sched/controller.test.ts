/**
 * The controlled-mode harness: workers run a scenario one granted step at a time; one that hangs
 * or dies is reported within the step timeout (5 s by default) and every worker is terminated.
 */
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { HMAP_LABELS, SharedGoMap } from '../../../impl/hmap/index.js';
import { Controller, DEFAULT_STEP_TIMEOUT_MS, Unresponsive } from '../../../impl/sched/controller.js';
import type { Fault } from '../../../impl/sched/types.js';
import { SMALL } from '../../../spec/config.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import type { Op } from '../../../spec/types.js';
import { runProgram } from '../../spec/run.js';

function start(programs: Op[][], faults: Array<Fault | undefined> = [], stepTimeoutMs?: number, onWorker?: (w: Worker) => void) {
  const map = SharedGoMap.create(SMALL);
  return Controller.start({
    ...(onWorker ? { onWorker } : {}),
    goroutines: programs.map((program, g) => ({ target: 'hmap', config: SMALL, map: map.buffer, program, ...(faults[g] ? { fault: faults[g] } : {}) })),
    labels: HMAP_LABELS,
    ...(stepTimeoutMs === undefined ? {} : { stepTimeoutMs }),
  });
}

const PROGRAM: Op[] = [{ kind: 'assign', key: 0, value: 1 }, { kind: 'assign', key: 1, value: 2 }, { kind: 'access', key: 1 }];

describe('Controller', () => {
  it('runs a worker one step per grant, through the spec steps, and collects its results', async () => {
    const want = runProgram(hmapTarget(SMALL), SMALL, PROGRAM).runs;
    const ctl = await start([PROGRAM]);
    try {
      const labels: string[] = [];
      for (let s = ctl.state(0); s.kind === 'at'; s = ctl.step(0)) labels.push(s.label);
      expect(ctl.state(0)).toEqual({ kind: 'done' });
      expect(labels).toEqual(want.flatMap((r) => r.steps.map((x) => x.label)));
      expect(ctl.results(0)).toEqual(want.map((r) => r.result));
    } finally {
      expect(await ctl.close()).toHaveLength(1);
    }
  });

  it('reports a hung worker within the step timeout and terminates every worker', async () => {
    const ctl = await start([PROGRAM, PROGRAM], [undefined, { afterSteps: 3, kind: 'hang' }]);
    let caught: unknown;
    let waited = 0;
    try {
      // Points 1 to 3 are reported (the first one on starting); the 4th never is.
      for (let i = 0; i < 2; i++) ctl.step(1);
      const t0 = Date.now();
      try {
        ctl.step(1);
      } catch (e) {
        caught = e;
      }
      waited = Date.now() - t0;
    } finally {
      // Both threads stop, the hung one included: terminate() resolves only once each has exited.
      expect(await ctl.close()).toHaveLength(2);
    }
    expect(caught).toBeInstanceOf(Unresponsive);
    expect((caught as Unresponsive).g).toBe(1);
    expect((caught as Error).message).toMatch(/^G1 did not report within 5000 ms after being granted "mapassign: /);
    expect(DEFAULT_STEP_TIMEOUT_MS).toBe(5000);
    // Detection is the timeout itself, not some later moment (a generous margin for a busy machine).
    expect(waited).toBeGreaterThanOrEqual(4900);
    expect(waited).toBeLessThan(7000);
  });

  it('reports a worker that exited mid-operation', async () => {
    const ctl = await start([PROGRAM], [{ afterSteps: 1, kind: 'exit' }], 500);
    try {
      expect(() => ctl.step(0)).toThrow(/^G0 did not report within 500 ms/);
    } finally {
      await ctl.close();
    }
  });

  it('reports a worker that hangs before its first scheduling point, and leaves none running', async () => {
    const exits: Array<Promise<unknown>> = [];
    const watch = (w: Worker): void => { exits.push(once(w, 'exit')); };
    await expect(start([PROGRAM, PROGRAM], [undefined, { afterSteps: 0, kind: 'hang' }], 500, watch))
      .rejects.toThrow(/^G1 did not report within 500 ms after starting/);
    // start() terminated both before it gave up: both 'exit' events have already been emitted.
    const gone = await Promise.race([Promise.all(exits).then(() => true), new Promise((r) => setTimeout(() => r(false), 100))]);
    expect(exits).toHaveLength(2);
    expect(gone).toBe(true);
  });
});

/**
 * Controller.reset: many schedules on the same worker threads. A reset ends whatever program is
 * still standing at a scheduling point, hands each worker a new map and program, and returns with
 * each at its first point, as start() does; a worker that does not answer is still reported.
 */
import { describe, expect, it } from 'vitest';
import { HMAP_LABELS, SharedGoMap } from '../../../impl/hmap/index.js';
import { SharedMutexMap } from '../../../impl/guarded/index.js';
import { Controller, Unresponsive } from '../../../impl/sched/controller.js';
import { SCHED_LABELS } from '../../../impl/sched/labels.js';
import type { Fault } from '../../../impl/sched/types.js';
import { SMALL } from '../../../spec/config.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import type { Op } from '../../../spec/types.js';
import { runProgram } from '../../spec/run.js';

const WRITES: Op[] = [{ kind: 'assign', key: 0, value: 1 }, { kind: 'assign', key: 1, value: 2 }];
const READS: Op[] = [{ kind: 'assign', key: 1, value: 7 }, { kind: 'access', key: 1 }, { kind: 'access', key: 0 }];

function hmapInputs(programs: Op[][], faults: Array<Fault | undefined> = []) {
  const map = SharedGoMap.create(SMALL);
  return programs.map((program, g) => ({ target: 'hmap' as const, config: SMALL, map: map.buffer, program, ...(faults[g] ? { fault: faults[g] } : {}) }));
}

/** Steps g until its program ends; the labels it stood at. */
function runOut(ctl: Controller, g: number): string[] {
  const labels: string[] = [];
  for (let s = ctl.state(g); s.kind === 'at'; s = ctl.step(g)) labels.push(s.label);
  return labels;
}

describe('Controller.reset', () => {
  it('runs a new program on a fresh map on the same threads, after one ended and one was cut short', async () => {
    const ctl = await Controller.start({ goroutines: hmapInputs([WRITES, WRITES]), labels: HMAP_LABELS });
    try {
      runOut(ctl, 0);
      ctl.step(1); // G1 stands in the middle of its first assign: the reset must abort it
      expect(ctl.state(1).kind).toBe('at');
      for (let round = 0; round < 3; round++) {
        ctl.reset(hmapInputs([READS, []]));
        expect(ctl.state(1)).toEqual({ kind: 'done' });
        const want = runProgram(hmapTarget(SMALL), SMALL, READS).runs;
        // A fresh map: key 0 is absent again, whatever the last round wrote.
        expect(runOut(ctl, 0)).toEqual(want.flatMap((r) => r.steps.map((x) => x.label)));
        expect(ctl.results(0)).toEqual(want.map((r) => r.result));
        expect(ctl.results(1)).toEqual([]);
      }
      expect(ctl.threads).toBe(2);
    } finally {
      expect(await ctl.close()).toHaveLength(2);
    }
  });

  it('aborts a goroutine inside its critical section: the unlock on the way out reports nothing', async () => {
    const cfg = SMALL;
    const inputs = () => {
      const map = SharedMutexMap.create(cfg);
      return [0, 1].map(() => ({ target: 'mutex-map' as const, config: cfg, map: map.buffer, program: WRITES, waitMs: 1000 }));
    };
    const ctl = await Controller.start({ goroutines: inputs(), labels: SCHED_LABELS['mutex-map'] });
    try {
      // G0 takes the lock and stops inside its critical section.
      ctl.step(0);
      ctl.step(0);
      ctl.reset(inputs());
      // Both run to the end one after the other: the new map's lock is free.
      runOut(ctl, 0);
      runOut(ctl, 1);
      expect([ctl.state(0), ctl.state(1)]).toEqual([{ kind: 'done' }, { kind: 'done' }]);
      expect(ctl.results(1)).toHaveLength(2);
    } finally {
      await ctl.close();
    }
  });

  it('reports a worker that hangs at its first point after a reset, and one that failed is not reused', async () => {
    const ctl = await Controller.start({ goroutines: hmapInputs([WRITES, WRITES]), labels: HMAP_LABELS, stepTimeoutMs: 500 });
    try {
      expect(() => ctl.reset(hmapInputs([WRITES, WRITES], [undefined, { afterSteps: 0, kind: 'hang' }]))).toThrow(Unresponsive);
    } finally {
      expect(await ctl.close()).toHaveLength(2);
    }
    // A buffer too small for any map: attaching fails outside every operation.
    const bad = await Controller.start({ goroutines: hmapInputs([WRITES]).map((i) => ({ ...i, map: new SharedArrayBuffer(8) })), labels: HMAP_LABELS });
    try {
      expect(bad.state(0).kind).toBe('failed');
      expect(() => bad.reset(hmapInputs([WRITES]))).toThrow(/^G0's worker failed .*it is not reused$/);
    } finally {
      await bad.close();
    }
  });
});

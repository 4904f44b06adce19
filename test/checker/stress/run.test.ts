/**
 * Whole stress runs on real workers. The interleavings are the hardware's, so nothing here asserts
 * how often a race was caught: only that the report adds up, and what no interleaving can change.
 */
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SILENT } from '../../../checker/stress/classify.js';
import type { ClassCounts, StressReport } from '../../../checker/stress/report.js';
import { runStress } from '../../../checker/stress/run.js';
import { StressWorkerError } from '../../../impl/stress/pool.js';

function addsUp(c: ClassCounts): void {
  expect(c.fatal + c.silent + c.harmless + c.undecided).toBe(c.rounds);
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((s, n) => s + n, 0);
}

describe('runStress', () => {
  it('runs 4,000 operations on 2 workers and its report adds up', async () => {
    const r: StressReport = await runStress({ target: 'hmap', ops: 4_000, workers: 2, seed: 3 });
    expect(r.all.rounds).toBe(20);
    for (const c of [r.all, r.racy, r.raceFree]) addsUp(c);
    expect(r.racy.rounds + r.raceFree.rounds).toBe(r.all.rounds);
    expect(sum(r.outcomes)).toBe(r.all.rounds);
    // A crash ends its round early, so at most every operation ran.
    expect(r.opsRun).toBeGreaterThan(0);
    expect(r.opsRun).toBeLessThanOrEqual(r.ops);
    // A round in which no two workers overlapped with a write ran as if sequentially.
    expect(r.anomalies).toBe(0);
  });

  it('runs 8 workers (more than this machine may have cores, so they sleep at the barrier) and adds up', async () => {
    const r = await runStress({ target: 'hmap', ops: 1_600, workers: 8, seed: 4, roundOps: 400, mix: 'read-mostly' });
    expect(r.all.rounds).toBe(4);
    for (const c of [r.all, r.racy, r.raceFree]) addsUp(c);
    expect(r.anomalies).toBe(0);
  });

  it('with 1 worker has no race, so every round is harmless and every operation runs', async () => {
    const r = await runStress({ target: 'hmap', ops: 3_001, workers: 1, seed: 5, config: 'go' });
    expect(r.all).toEqual({ rounds: 16, fatal: 0, silent: 0, harmless: 16, undecided: 0 });
    expect(r.racy.rounds).toBe(0);
    expect(r.opsRun).toBe(3_001);
    expect(r.outcomes).toEqual({ harmless: 16 });
  });

  it('stops on a worker that dies, names it, and leaves no worker running', async () => {
    const workers: Worker[] = [];
    const exited: Array<Promise<unknown>> = [];
    const run = runStress(
      { target: 'hmap', ops: 2_000, workers: 2 },
      {
        fault: { w: 0, round: 2, kind: 'exit' },
        onWorker: (w) => {
          workers.push(w);
          exited.push(once(w, 'exit'));
        },
      },
    );
    await expect(run).rejects.toThrow(StressWorkerError);
    await expect(run).rejects.toThrow('worker 0 exited with code 3');
    expect(workers).toHaveLength(2);
    await Promise.all(exited);
  });

  it('counts a round stuck inside an operation as silent, and goes on with fresh workers', async () => {
    const exited: Array<Promise<unknown>> = [];
    const r = await runStress(
      { target: 'hmap', ops: 1_000, workers: 2, seed: 2 },
      { fault: { w: 1, round: 1, kind: 'loop' }, roundTimeoutMs: 1_000, onWorker: (w) => void exited.push(once(w, 'exit')) },
    );
    expect(r.outcomes[`silent: ${SILENT.stuck}`]).toBe(1);
    expect(r.examples.find((e) => e.outcome === `silent: ${SILENT.stuck}`)).toMatchObject({
      round: 1, detail: 'worker 1 did not finish round 1 within 1000 ms (a racy map operation loops, or the worker hangs)',
    });
    expect(r.all.rounds).toBe(5);
    addsUp(r.all);
    // The stuck pair was replaced by a fresh pair, and every one of the four has stopped.
    expect(exited).toHaveLength(4);
    await Promise.all(exited);
  });
});

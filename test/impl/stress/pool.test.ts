/**
 * Free-running workers on one map: the shared clock gives every call and return its own position,
 * and a worker that hangs or dies is reported and every worker terminated.
 */
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedGoMap } from '../../../impl/hmap/index.js';
import type { RoundLog } from '../../../impl/stress/log.js';
import { Rng, roundPrograms } from '../../../impl/stress/mix.js';
import { StressPool, StressWorkerError } from '../../../impl/stress/pool.js';
import { SMALL } from '../../../spec/config.js';

/** Every position a round used: calls, returns, and where errors were caught. */
function positions(log: RoundLog): number[] {
  return log.workers.flat().flatMap((o) => [o.call, ...(o.ret === undefined ? [] : [o.ret]), ...(o.error ? [o.error.at] : [])]);
}

describe('StressPool with 2 workers', () => {
  let pool: StressPool;
  const logs: RoundLog[] = [];
  beforeAll(async () => {
    pool = await StressPool.start({ workers: 2, config: SMALL, capacity: 50 });
    const rng = new Rng(11);
    for (let r = 0; r < 30; r++) logs.push(await pool.runRound(r, SharedGoMap.create(SMALL), roundPrograms(rng, 100, 2, 4)));
  });
  afterAll(async () => {
    await pool?.close();
  });

  it('gives each event its own position on the shared clock, 0, 1, 2, ... with no gap', () => {
    for (const log of logs) {
      const all = positions(log).sort((a, b) => a - b);
      expect(all).toEqual(all.map((_, i) => i));
    }
  });

  it("logs each worker's events in program order: every call precedes its return, every return the next call", () => {
    for (const log of logs) {
      for (const ops of log.workers) {
        const mine = ops.flatMap((o) => [o.call, ...(o.ret === undefined ? [] : [o.ret]), ...(o.error ? [o.error.at] : [])]);
        for (let i = 1; i < mine.length; i++) expect(mine[i]).toBeGreaterThan(mine[i - 1]!);
        expect(ops.map((o) => o.index)).toEqual(ops.map((_, i) => i));
      }
    }
  });

  it('runs every operation of a round unless one threw, and then stops every worker early', () => {
    for (const log of logs) {
      const threw = log.workers.flat().filter((o) => o.error);
      if (threw.length === 0) expect(log.workers.map((ops) => ops.length)).toEqual([50, 50]);
      // The thrower ends with its failing operation; nobody starts an operation after STOP was set.
      for (const ops of log.workers) expect(ops.slice(0, -1).every((o) => !o.error)).toBe(true);
    }
  });
});

describe('StressPool faults', () => {
  async function faulty(kind: 'hang' | 'exit'): Promise<{ error: unknown; exits: number }> {
    const workers: Worker[] = [];
    const pool = await StressPool.start({
      workers: 2, config: SMALL, capacity: 10, roundTimeoutMs: 1_000, fault: { w: 1, round: 1, kind }, onWorker: (w) => workers.push(w),
    });
    const exited = workers.map((w) => once(w, 'exit'));
    let error: unknown;
    try {
      const rng = new Rng(1);
      for (let r = 0; r < 3; r++) await pool.runRound(r, SharedGoMap.create(SMALL), roundPrograms(rng, 20, 2, 4));
    } catch (e) {
      error = e;
    } finally {
      await pool.close();
    }
    await Promise.all(exited);
    return { error, exits: exited.length };
  }

  it('reports a hung worker by name after the round timeout, and terminates both', async () => {
    const { error, exits } = await faulty('hang');
    expect(error).toBeInstanceOf(StressWorkerError);
    expect((error as Error).message).toMatch(/^worker 1 did not start round 1 within 1000 ms/);
    expect(exits).toBe(2);
  });

  it('reports a worker that exits, and terminates the other', async () => {
    const { error, exits } = await faulty('exit');
    expect(error).toBeInstanceOf(StressWorkerError);
    expect((error as Error).message).toBe('worker 1 exited with code 3');
    expect(exits).toBe(2);
  });
});

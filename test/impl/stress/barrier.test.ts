/**
 * The start barrier: no worker starts its operations before every worker has come to it, and
 * then they start together, so that their operations overlap in time (without it the worker
 * whose round message came first ran its whole program alone).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { isRacy } from '../../../checker/stress/history.js';
import { startBarrier } from '../../../impl/stress/barrier.js';
import { ARRIVED, controlBuffer, GO, PHASE } from '../../../impl/stress/log.js';
import { Rng, roundPrograms, SYNCMAP_MIXES } from '../../../impl/stress/mix.js';
import { StressPool } from '../../../impl/stress/pool.js';
import { LATE_MS } from '../../../impl/stress/types.js';
import { SharedSyncMap } from '../../../impl/syncmap/map.js';
import { SMALL } from '../../../spec/config.js';

describe('the start barrier, on two workers', () => {
  it('holds a worker back until the late one has come, then runs both programs whole', async () => {
    const pool = await StressPool.start({ target: 'syncmap', workers: 2, config: SMALL, capacity: 50, fault: { w: 1, round: 0, kind: 'late' } });
    try {
      const round = pool.runRound(0, SharedSyncMap.create(SMALL), roundPrograms(new Rng(2), 100, 2, 4, SYNCMAP_MIXES.balanced));
      // Halfway through worker 1's delay: worker 0 has long had time to run 50 operations, but must not have started.
      await sleep(LATE_MS / 2);
      const [w0, w1] = pool.phases();
      expect(w1).toBe(PHASE.idle);
      expect(w0 === PHASE.idle || w0 === PHASE.atBarrier).toBe(true);
      const log = await round;
      expect(log.workers.map((ops) => ops.length)).toEqual([50, 50]);
    } finally {
      await pool.close();
    }
  });

  it("makes two workers' operations overlap in some round, a write among them", async () => {
    // How often rounds overlap depends on the machine's load (on a busy machine the workers take
    // turns on one core), so this asks for one overlapping round and stops there. Rounds of 2,000
    // operations a worker last longer than a scheduler slice, so even taking turns they overlap.
    const pool = await StressPool.start({ target: 'syncmap', workers: 2, config: SMALL, capacity: 2_000 });
    try {
      const rng = new Rng(9);
      let overlapped = -1;
      for (let r = 0; r < 100 && overlapped < 0; r++) {
        const log = await pool.runRound(r, SharedSyncMap.create(SMALL, { arenaWords: 1 << 16 }), roundPrograms(rng, 4_000, 2, 4, SYNCMAP_MIXES.balanced));
        if (isRacy(log)) overlapped = r;
      }
      expect(overlapped).toBeGreaterThanOrEqual(0);
    } finally {
      await pool.close();
    }
  });
});

describe('startBarrier, alone', () => {
  it('lets a lone worker through at once, and a worker that finds everyone arrived and GO set', () => {
    const ctl = new Int32Array(controlBuffer(2));
    startBarrier({ ctl, workers: 1, w: 0, timeoutMs: 1_000, spinMs: 20 });
    expect(Atomics.load(ctl, ARRIVED)).toBe(1);
    // The other worker of two arrived and has started: this one must not wait for its heartbeat.
    Atomics.store(ctl, ARRIVED, 1);
    Atomics.store(ctl, GO, 1);
    startBarrier({ ctl, workers: 2, w: 1, timeoutMs: 1_000, spinMs: 20 });
    expect(Atomics.load(ctl, ARRIVED)).toBe(2);
  });

  it('starts anyway when the other worker arrived but is never seen running', () => {
    const ctl = new Int32Array(controlBuffer(2));
    Atomics.store(ctl, ARRIVED, 1);
    startBarrier({ ctl, workers: 2, w: 0, timeoutMs: 1_000, spinMs: 20 });
    expect(Atomics.load(ctl, GO)).toBe(1);
  });

  it('gives up, naming the worker, when the others never arrive', () => {
    const ctl = new Int32Array(controlBuffer(2));
    expect(() => startBarrier({ ctl, workers: 2, w: 0, timeoutMs: 30, spinMs: 0 })).toThrow('worker 0: the other workers did not reach the start barrier within 30 ms');
  });
});

/**
 * A smoke run of each guarded map on two real workers (the stress pool, free mode): every
 * operation returns, each round's history is linearizable (range judged as the spec's target
 * judges it), and the locks end idle.
 */
import { describe, expect, it } from 'vitest';
import { roundHistory } from '../../../checker/stress/history.js';
import { checkLinearizable } from '../../../checker/verify/linearizability.js';
import { Rng, roundPrograms } from '../../../impl/stress/mix.js';
import { StressPool } from '../../../impl/stress/pool.js';
import { createSafeMap, SAFE_STRESS_TARGETS } from '../../../impl/stress/targets.js';
import { SMALL } from '../../../spec/config.js';
import { mutexMapTarget, rwmutexMapTarget, shardedMapTarget } from '../../../spec/guarded/index.js';

const RANGE = { 'mutex-map': mutexMapTarget(SMALL).range, 'rwmutex-map': rwmutexMapTarget(SMALL).range, 'sharded-map': shardedMapTarget(SMALL).range };

describe.each(SAFE_STRESS_TARGETS)('%s on two workers', (target) => {
  it('returns from every operation, linearizably, and leaves its locks idle', async () => {
    const pool = await StressPool.start({ target, workers: 2, config: SMALL, capacity: 100 });
    try {
      const rng = new Rng(5);
      for (let r = 0; r < 8; r++) {
        const map = createSafeMap(target, SMALL, { arenaBuckets: 4096 });
        const log = await pool.runRound(r, map, roundPrograms(rng, 200, 2, 4));
        const ops = log.workers.flat();
        expect(ops).toHaveLength(200);
        expect(ops.filter((o) => o.error)).toEqual([]);
        expect(checkLinearizable(roundHistory(log), { keys: 4, range: RANGE[target] })).toEqual({ verdict: 'ok' });
        for (const lock of map.inspect().locks) {
          expect(lock).toEqual('w' in lock ? { w: { state: 0, sema: 0 }, writerSem: 0, readerSem: 0, readerCount: 0, readerWait: 0 } : { state: 0, sema: 0 });
        }
      }
    } finally {
      await pool.close();
    }
  });
});

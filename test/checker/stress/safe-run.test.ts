/**
 * Short stress runs of each safe map on two real workers. A safe map must come out of every
 * round linearizable, whatever the interleaving: 0 violations is the only passing answer.
 */
import { describe, expect, it } from 'vitest';
import { StressInputError } from '../../../checker/stress/options.js';
import { formatSafeStressHuman } from '../../../checker/stress/safe-report.js';
import { runSafeStress } from '../../../checker/stress/safe-run.js';
import { runStress } from '../../../checker/stress/run.js';
import { SAFE_STRESS_TARGETS } from '../../../impl/stress/targets.js';

describe('runSafeStress', () => {
  it.each(SAFE_STRESS_TARGETS)('runs 2,000 operations of %s on 2 workers with 0 violations', async (target) => {
    const r = await runSafeStress({ target, ops: 2_000, workers: 2, seed: 1 });
    expect(r).toMatchObject({ target, rounds: 10, ops: 2_000, opsRun: 2_000, violations: 0, undecided: 0 });
    expect(r.firstViolation).toBeUndefined();
    expect(r.range).toBe(target === 'sharded-map' ? 'contract' : 'snapshot');
    expect(r.roundSeconds).toBeGreaterThan(0);
    expect(r.roundSeconds).toBeLessThanOrEqual(r.seconds);
    const text = formatSafeStressHuman(r);
    expect(text).toContain(`${target} stress: 10 rounds of up to 200 operations`);
    expect(text).toMatch(/ops\/s/);
    expect(text).toContain('\n  0 violations\n');
  });

  it('runs the sharded map with the shards asked for, and the read-mostly mix', async () => {
    const r = await runSafeStress({ target: 'sharded-map', ops: 600, workers: 2, seed: 2, shards: 3, mix: 'read-mostly', roundOps: 300 });
    expect(r).toMatchObject({ shards: 3, mix: 'read-mostly', rounds: 2, opsRun: 600, violations: 0 });
  });

  it('counts a round whose operation never returns as a violation, and goes on with fresh workers', async () => {
    // The planted fault blocks worker 1 after the barrier of round 1, as a deadlocked lock would.
    const r = await runSafeStress({ target: 'rwmutex-map', ops: 800, workers: 2, seed: 3 }, { fault: { w: 1, round: 1, kind: 'loop' }, roundTimeoutMs: 1_000 });
    expect(r).toMatchObject({ rounds: 4, violations: 1, opsRun: 600 });
    expect(r.firstViolation).toEqual({ round: 1, detail: expect.stringMatching(/^stuck: worker 1 did not finish round 1 within 1000 ms/), excerpt: [] });
    expect(formatSafeStressHuman(r)).toContain('\n  1 violation (first in round 1): stuck: worker 1');
  });

  it('leaves each kind of map to its own runner', async () => {
    await expect(runSafeStress({ target: 'hmap', ops: 10 }, { onWorker: () => expect.unreachable() })).rejects.toThrow(StressInputError);
    await expect(runStress({ target: 'mutex-map', ops: 10 }, { onWorker: () => expect.unreachable() })).rejects.toThrow(StressInputError);
  });
});

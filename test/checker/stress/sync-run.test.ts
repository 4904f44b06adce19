/**
 * Short stress runs of sync.Map (SharedSyncMap) on two real workers: every round, Range callbacks'
 * nested calls included, must be linearizable under sync.Map's Range rule and leave the map's
 * invariants holding. 0 violations is the only passing answer.
 */
import { describe, expect, it } from 'vitest';
import { formatSafeStressHuman, formatSafeStressJson } from '../../../checker/stress/safe-report.js';
import { runSafeStress } from '../../../checker/stress/safe-run.js';

describe('runSafeStress on syncmap', () => {
  it('runs 2,000 operations on 2 workers with 0 violations, its Range judged by its rule', async () => {
    const r = await runSafeStress({ target: 'syncmap', ops: 2_000, workers: 2, seed: 1 });
    expect(r).toMatchObject({ target: 'syncmap', range: 'contract', mix: 'balanced', rounds: 10, ops: 2_000, opsRun: 2_000, violations: 0, undecided: 0 });
    expect(r.firstViolation).toBeUndefined();
    const text = formatSafeStressHuman(r);
    expect(text).toContain('syncmap stress: 10 rounds of up to 200 operations');
    expect(text).toContain("Range judged by its rule, its callback's Delete and Store calls operations of their own");
    expect(text).toContain("with the final map's invariants (mu free, I3-I6)");
    expect(text).toContain('\n  0 violations\n');
    expect(JSON.parse(formatSafeStressJson(r))).toMatchObject({ mode: 'stress', target: 'syncmap', range: 'contract', violations: 0 });
  });

  it('runs the read-mostly mix, and one worker alone', async () => {
    const r = await runSafeStress({ target: 'syncmap', ops: 600, workers: 1, seed: 3, mix: 'read-mostly', roundOps: 300 });
    expect(r).toMatchObject({ workers: 1, mix: 'read-mostly', rounds: 2, opsRun: 600, violations: 0, undecided: 0, racy: 0 });
  });
});

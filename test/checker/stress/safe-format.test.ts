/** The safe maps' stress report as text and as JSON, on fixed reports (a real run's timings vary). */
import { describe, expect, it } from 'vitest';
import { formatSafeStressHuman, formatSafeStressJson, type SafeStressReport } from '../../../checker/stress/safe-report.js';

const CLEAN: SafeStressReport = {
  version: 1, target: 'mutex-map', config: 'small', workers: 2, keys: 4, seed: 1, mix: 'balanced', range: 'snapshot',
  ops: 1_000_000, opsRun: 1_000_000, roundOps: 200, rounds: 5_000, racy: 4_990, seconds: 20, roundSeconds: 8, violations: 0, undecided: 0,
};

const BROKEN: SafeStressReport = {
  ...CLEAN, target: 'sharded-map', shards: 2, range: 'contract', ops: 2_000, opsRun: 1_990, rounds: 10, racy: 9, seconds: 1.5, roundSeconds: 0.5,
  violations: 2, undecided: 1,
  firstViolation: { round: 3, detail: 'not linearizable: v, ok := m[k0] returned (v1, true)', excerpt: ['  [0, 1]  worker 0     m[k0] = v1 → —', '> [4, 5]  worker 1     v, ok := m[k0] → (v1, true)'] },
  firstUndecided: { round: 7, detail: 'gave up after 1000000 search steps' },
};

describe('formatSafeStressHuman', () => {
  it('gives rounds, operations, ops/s and 0 violations for a clean run', () => {
    expect(formatSafeStressHuman(CLEAN).split('\n')).toEqual([
      'mutex-map stress: 5,000 rounds of up to 200 operations, each on a fresh map; 1,000,000 operations in 20.00 s, 50,000 ops/s',
      '  2 workers, config small, 4 keys, mix balanced, seed 1; the rounds themselves took 8.00 s (125,000 ops/s), checking them the rest',
      '  every round: its history checked for linearizability (a range judged as a snapshot), with the final map and its locks; ' +
        "4,990 of them overlapped a write with another worker's operation (a race on a plain map)",
      '',
      '  0 violations',
      '',
      "  The seed fixes every worker's operations; the interleaving is the hardware's.",
      '',
    ]);
  });

  it('names the first violation with its history excerpt, and the undecided rounds', () => {
    const text = formatSafeStressHuman(BROKEN);
    expect(text).toContain('1,990 of 2,000 operations in 1.50 s, 1,327 ops/s');
    expect(text).toContain('config small, 2 shards,');
    expect(text).toContain("a range judged by sync.Map's Range rule");
    expect(text).toContain('\n  2 violations (first in round 3): not linearizable: v, ok := m[k0] returned (v1, true)\n');
    expect(text).toContain('\n    > [4, 5]  worker 1     v, ok := m[k0] → (v1, true)\n');
    expect(text).toContain('\n  1 round undecided, not counted as clean (first in round 7): gave up after 1000000 search steps\n');
  });
});

describe('formatSafeStressJson', () => {
  it('prints one object with a fixed key order, ops/s, and the first violation only when there is one', () => {
    const clean = JSON.parse(formatSafeStressJson(CLEAN)) as Record<string, unknown>;
    expect(Object.keys(clean)).toEqual([
      'version', 'mode', 'target', 'config', 'workers', 'keys', 'mix', 'seed', 'range', 'ops', 'opsRun', 'roundOps', 'rounds', 'racy',
      'seconds', 'roundSeconds', 'opsPerSecond', 'violations', 'undecided',
    ]);
    expect(clean).toMatchObject({ mode: 'stress', opsPerSecond: 50_000, violations: 0 });
    const broken = JSON.parse(formatSafeStressJson(BROKEN)) as Record<string, unknown>;
    expect(broken).toMatchObject({ shards: 2, range: 'contract', violations: 2, firstViolation: BROKEN.firstViolation, firstUndecided: BROKEN.firstUndecided });
  });
});

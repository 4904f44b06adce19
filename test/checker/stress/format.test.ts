/** The stress report as text and as JSON, on a fixed report (a real run's counts vary). */
import { describe, expect, it } from 'vitest';
import { formatStressHuman, formatStressJson } from '../../../checker/stress/format.js';
import type { StressReport } from '../../../checker/stress/report.js';

const REPORT: StressReport = {
  version: 1, target: 'hmap', config: 'small', workers: 2, keys: 4, seed: 1, mix: 'balanced', ops: 2000, opsRun: 1234,
  roundOps: 200, seconds: 1.23456,
  all: { rounds: 10, fatal: 7, silent: 1, harmless: 2, undecided: 0 },
  racy: { rounds: 9, fatal: 7, silent: 1, harmless: 1, undecided: 0 },
  raceFree: { rounds: 1, fatal: 0, silent: 0, harmless: 1, undecided: 0 },
  anomalies: 0, wrongReadBeforeFatal: 1,
  outcomes: { 'fatal: concurrent map writes': 7, 'silent: lost count': 1, harmless: 2 },
  silentKinds: { 'lost count': 1, 'wrong read': 1 },
  examples: [
    { outcome: 'fatal: concurrent map writes', round: 0, detail: "worker 1's operation 3 (m[k2] = v1)" },
    { outcome: 'silent: lost count', round: 4, detail: 'final map: count equals live keys does not hold (count 3)' },
  ],
};

describe('formatStressHuman', () => {
  it('leads with the detection rate over the racy rounds', () => {
    const text = formatStressHuman(REPORT);
    expect(text.split('\n').slice(0, 6)).toEqual([
      'hmap stress: 10 rounds of up to 200 operations, each on a fresh map; 1,234 of 2,000 operations ran (a crash ends its round)',
      '  2 workers, config small, 4 keys, mix balanced, seed 1; 1.23 s',
      '',
      '  of 9 racy rounds, 77.8% crashed with a fatal, 11.1% went silently wrong, 11.1% were harmless',
      '  1 race-free round: all harmless, as they must be',
      '  1 fatal round had already returned a wrong read before Go crashed',
    ]);
    expect(text).toContain('  silent: lost count                 1\n');
    expect(text).toContain('    silent: lost count            round 4: final map: count equals live keys does not hold (count 3)\n');
    expect(text).toMatch(/interleaving is the hardware's/);
  });

  it('says so when no round raced, and flags race-free rounds that went wrong', () => {
    const none = { rounds: 0, fatal: 0, silent: 0, harmless: 0, undecided: 0 };
    const text = formatStressHuman({ ...REPORT, racy: none, raceFree: { ...REPORT.all }, anomalies: 8 });
    expect(text).toContain('no round raced');
    expect(text).toContain('10 race-free rounds: 8 NOT harmless, a bug of impl/hmap');
  });
});

describe('formatStressJson', () => {
  it('prints one object with a fixed key order and seconds to the millisecond', () => {
    const out = JSON.parse(formatStressJson(REPORT)) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([
      'version', 'mode', 'target', 'config', 'workers', 'keys', 'mix', 'seed', 'ops', 'opsRun', 'roundOps', 'seconds',
      'all', 'racy', 'raceFree', 'anomalies', 'wrongReadBeforeFatal', 'outcomes', 'silentKinds', 'examples',
    ]);
    expect(out['seconds']).toBe(1.235);
    expect(out['mode']).toBe('stress');
    expect(Object.keys(out['outcomes'] as object)).toEqual(['fatal: concurrent map writes', 'harmless', 'silent: lost count']);
  });
});

import { describe, expect, it } from 'vitest';
import { formatJson } from '../../../checker/report/json.js';
import type { RunReport, TargetReport } from '../../../checker/report/types.js';

// Fields in a scrambled order, and one that is not part of the schema, to show the output
// order comes from formatJson and nothing else leaks out.
const target = {
  witnesses: [{ steps: 17, switches: 1, ops: 2, trace: 'traces/hmap/fatal-a.json', outcome: 'fatal: concurrent map writes' }],
  outcomes: { 'throw: bad map state': 3, ok: 120, 'fatal: concurrent map writes': 34, nonlinearizable: 0 },
  seconds: 1.23456,
  states: 999,
  executions: 157,
  scenarios: 12,
  contract: 'broken',
  target: 'hmap',
  breaches: ['two goroutines wrote without a lock'],
  internalScratch: 'must not appear',
} as TargetReport;

const report = {
  targets: [target, { ...target, target: 'second', contract: 'holds', breaches: undefined }],
  keys: 2,
  goroutines: 2,
  config: 'small',
  depth: 6,
  version: 1,
} as RunReport;

describe('formatJson', () => {
  const text = formatJson(report);
  const parsed = JSON.parse(text);

  it('is exactly one JSON object followed by a newline', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(typeof parsed).toBe('object');
    expect(Array.isArray(parsed)).toBe(false);
  });

  it('puts the keys in the documented order', () => {
    expect(Object.keys(parsed)).toEqual(['version', 'depth', 'config', 'goroutines', 'keys', 'exhaustive', 'targets']);
    expect(Object.keys(parsed.targets[0])).toEqual([
      'target', 'contract', 'exhaustive', 'scenarios', 'executions', 'states', 'seconds', 'outcomes', 'witnesses', 'breaches',
    ]);
    expect(Object.keys(parsed.targets[0].witnesses[0])).toEqual(['outcome', 'trace', 'ops', 'switches', 'steps']);
  });

  it('sorts the outcome classes by name', () => {
    expect(Object.keys(parsed.targets[0].outcomes)).toEqual([
      'fatal: concurrent map writes', 'nonlinearizable', 'ok', 'throw: bad map state',
    ]);
  });

  it('parses back to the same values, seconds rounded to milliseconds', () => {
    expect(parsed).toEqual({
      version: 1,
      depth: 6,
      config: 'small',
      goroutines: 2,
      keys: 2,
      exhaustive: true,
      targets: [
        {
          target: 'hmap',
          contract: 'broken',
          exhaustive: true,
          scenarios: 12,
          executions: 157,
          states: 999,
          seconds: 1.235,
          outcomes: target.outcomes,
          witnesses: target.witnesses,
          breaches: target.breaches,
        },
        {
          target: 'second',
          contract: 'holds',
          exhaustive: true,
          scenarios: 12,
          executions: 157,
          states: 999,
          seconds: 1.235,
          outcomes: target.outcomes,
          witnesses: target.witnesses,
        },
      ],
    });
  });

  it('leaves out breaches when there are none', () => {
    expect('breaches' in parsed.targets[1]).toBe(false);
    expect(text).not.toContain('internalScratch');
  });

  it('says a context-bounded run is not exhaustive, and its bound', () => {
    const bounded = JSON.parse(formatJson({ ...report, preemptions: 2 }));
    expect(bounded.exhaustive).toBe(false);
    expect(bounded.preemptions).toBe(2);
    expect(Object.keys(bounded)).toEqual(['version', 'depth', 'config', 'goroutines', 'keys', 'exhaustive', 'preemptions', 'targets']);
  });

  it('gives the peak memory after the seconds when it was measured', () => {
    const measured = JSON.parse(formatJson({ ...report, targets: [{ ...target, peakMemoryMiB: 321 }] }));
    expect(measured.targets[0].peakMemoryMiB).toBe(321);
    expect(Object.keys(measured.targets[0]).indexOf('peakMemoryMiB')).toBe(Object.keys(measured.targets[0]).indexOf('seconds') + 1);
  });

  it('says which target alone was bounded, and that the run as a whole is then not exhaustive', () => {
    const mixed = JSON.parse(formatJson({ ...report, targets: [{ ...target, preemptions: 1 }, report.targets[1]!] }));
    expect(mixed.exhaustive).toBe(false);
    expect('preemptions' in mixed).toBe(false);
    expect(mixed.targets[0]).toMatchObject({ exhaustive: false, preemptions: 1 });
    expect(mixed.targets[1].exhaustive).toBe(true);
    expect('preemptions' in mixed.targets[1]).toBe(false);
  });

  it('gives a graded bound\'s tiers after its preemptions, each tier\'s fields in order', () => {
    const graded = JSON.parse(formatJson({ ...report, targets: [{ ...target, preemptions: 1, tiers: [{ preemptions: 2, ops: 3 } as { ops: number; preemptions: number }, { ops: 4 }] }] }));
    expect(Object.keys(graded.targets[0]).slice(1, 5)).toEqual(['contract', 'exhaustive', 'preemptions', 'tiers']);
    expect(graded.targets[0]).toMatchObject({ exhaustive: false, preemptions: 1, tiers: [{ ops: 3, preemptions: 2 }, { ops: 4 }] });
    expect(Object.keys(graded.targets[0].tiers[0])).toEqual(['ops', 'preemptions']);
    const run = JSON.parse(formatJson({ ...report, preemptions: 0, tiers: [{ ops: 3 }] }));
    expect(Object.keys(run)).toEqual(['version', 'depth', 'config', 'goroutines', 'keys', 'exhaustive', 'preemptions', 'tiers', 'targets']);
  });
});

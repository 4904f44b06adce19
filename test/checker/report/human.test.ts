import { describe, expect, it } from 'vitest';
import { formatHuman } from '../../../checker/report/human.js';
import type { RunReport, TargetReport } from '../../../checker/report/types.js';

const broken: TargetReport = {
  target: 'hmap',
  contract: 'broken',
  scenarios: 1234,
  executions: 1234567,
  states: 9876543,
  seconds: 12.3456,
  // Deliberately unsorted: the table sorts by name.
  outcomes: { 'throw: bad map state': 3, ok: 1200000, 'fatal: concurrent map writes': 34564 },
  witnesses: [
    { outcome: 'fatal: concurrent map writes', trace: 'traces/hmap/fatal-a.json', ops: 2, switches: 1, steps: 17 },
    { outcome: 'throw: bad map state', trace: 'traces/hmap/throw-b.json', ops: 1, switches: 3, steps: 9 },
  ],
  breaches: ['a plain map was written by two goroutines without a lock'],
};

const holds: TargetReport = {
  target: 'hmap',
  contract: 'holds',
  scenarios: 1,
  executions: 1,
  states: 1,
  seconds: 0,
  outcomes: { ok: 1 },
  witnesses: [],
};

function run(...targets: TargetReport[]): RunReport {
  return { version: 1, depth: 6, config: 'small', goroutines: 2, keys: 1, targets };
}

describe('formatHuman', () => {
  it('summarises a broken target: counts, outcomes, witnesses and breaches', () => {
    expect(formatHuman(run(broken))).toBe(
      [
        'hmap: contract BROKEN  (depth 6, config small, 2 goroutines, 1 key, exhaustive)',
        '  scenarios          1,234',
        '  executions     1,234,567',
        '  states stored  9,876,543',
        '  time (s)           12.35',
        '  states/s         800,005',
        '',
        '  outcome                       executions',
        '  fatal: concurrent map writes      34,564',
        '  ok                             1,200,000',
        '  throw: bad map state                   3',
        '',
        '  witnesses',
        '    fatal: concurrent map writes  traces/hmap/fatal-a.json (2 ops, 1 switch, 17 steps)',
        '    throw: bad map state          traces/hmap/throw-b.json (1 op, 3 switches, 9 steps)',
        '',
        '  breaches',
        '    - a plain map was written by two goroutines without a lock',
        '',
      ].join('\n'),
    );
  });

  it('leaves out empty sections and says when a run was too short for a rate', () => {
    const text = formatHuman(run(holds));
    expect(text).toContain('hmap: contract holds  (depth 6');
    expect(text).toMatch(/states\/s +n\/a/);
    expect(text).not.toContain('witnesses');
    expect(text).not.toContain('breaches');
    expect(text).not.toContain('Infinity');
  });

  it('says the witness files were not written under --no-write, and changes nothing else', () => {
    const written = formatHuman(run(broken));
    const unwritten = formatHuman(run(broken), false);
    expect(written).toContain('\n  witnesses\n');
    expect(unwritten).toContain('\n  witnesses (not written: --no-write)\n');
    expect(unwritten.replace(' (not written: --no-write)', '')).toBe(written);
  });

  it('separates targets by a blank line', () => {
    const text = formatHuman(run(broken, { ...holds, target: 'other' }));
    expect(text).toContain('\n\nother: contract holds');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('says so when there is nothing to report', () => {
    expect(formatHuman(run())).toBe('no targets were checked\n');
  });

  it('is the same text for the same report', () => {
    expect(formatHuman(run(broken))).toBe(formatHuman(run(broken)));
  });
});

describe('formatHuman under a context bound', () => {
  it('marks a context-bounded run as not exhaustive in its first line', () => {
    const first = formatHuman({ ...run(broken), preemptions: 1 }).split('\n')[0];
    expect(first).toBe('hmap: contract BROKEN  (depth 6, config small, 2 goroutines, 1 key, BOUNDED to 1 preemption: not exhaustive)');
  });

  it('marks a target bounded on its own (hmap past its reach) in its own first line', () => {
    const first = formatHuman(run({ ...broken, preemptions: 1 })).split('\n')[0];
    expect(first).toBe('hmap: contract BROKEN  (depth 6, config small, 2 goroutines, 1 key, BOUNDED to 1 preemption: not exhaustive)');
    expect(formatHuman(run(broken)).split('\n')[0]).toMatch(/, exhaustive\)$/);
  });

  it('says which executions a composite bound explored in full', () => {
    const first = formatHuman(run({ ...broken, preemptions: 1, tiers: [{ ops: 2 }, { ops: 3, preemptions: 2 }] })).split('\n')[0];
    expect(first).toBe('hmap: contract BROKEN  (depth 6, config small, 2 goroutines, 1 key, BOUNDED to 1 preemption (up to 2 operations in full, up to 3 operations with 2 preemptions): not exhaustive)');
  });
});

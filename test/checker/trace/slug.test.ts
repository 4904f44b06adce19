import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, outcomeSlug, traceFileBase } from '../../../checker/trace/slug.js';
import { labelText, traceArb } from './arbitraries.js';
import { sampleTrace } from './fixtures.js';

describe('outcomeSlug', () => {
  it.each([
    ['fatal: concurrent map writes', 'fatal-concurrent-map-writes'],
    ['corrupt: count equals live keys', 'corrupt-count-equals-live-keys'],
    ['ok', 'ok'],
    ['  Throw: bad map state!! ', 'throw-bad-map-state'],
    ['nonlinearizable', 'nonlinearizable'],
    ['::', ''],
  ])('%s → %s', (outcome, slug) => {
    expect(outcomeSlug(outcome)).toBe(slug);
  });

  it('only ever yields lowercase words joined by single dashes', () => {
    fc.assert(
      fc.property(labelText, (s) => {
        expect(outcomeSlug(s)).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('traceFileBase', () => {
  it('is the outcome slug and 8 hex digits', () => {
    expect(traceFileBase(sampleTrace())).toMatch(/^fatal-concurrent-map-writes-[0-9a-f]{8}$/);
  });

  it('hashes only the execution: key order, witness measures and outcome leave the hash alone', () => {
    const t = sampleTrace();
    const shuffled = JSON.parse(canonicalJson(t)) as typeof t; // same content, keys in sorted order
    const measures = { ...t, ops: 99, switches: 98, steps: 97 };
    const hash = (x: typeof t) => traceFileBase(x).slice(-8);
    expect(traceFileBase(shuffled)).toBe(traceFileBase(t));
    expect(traceFileBase(measures)).toBe(traceFileBase(t));
    expect(hash({ ...t, outcome: 'ok' })).toBe(hash(t));
  });

  it('changes when the schedule, scenario, config, target or spec version change', () => {
    const t = sampleTrace();
    const others = [
      { ...t, schedule: t.schedule.slice(1) },
      { ...t, scenario: [t.scenario[1]!, t.scenario[0]!] },
      { ...t, config: { ...t.config, initialB: 3 } },
      { ...t, target: 'syncmap' },
      { ...t, specVersion: 'hmap-test-2' },
    ];
    for (const o of others) expect(traceFileBase(o)).not.toBe(traceFileBase(t));
  });

  it('never starts with a dash and is a safe file name', () => {
    fc.assert(
      fc.property(traceArb, (t) => {
        expect(traceFileBase(t)).toMatch(/^[a-z0-9][a-z0-9-]*-[0-9a-f]{8}$/);
      }),
      { numRuns: 100 },
    );
  });
});

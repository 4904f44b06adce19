import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RangeMode } from '../../../checker/verify/monitor.js';
import { arbHistory } from './arbitraries.js';
import { judge } from './helpers.js';

/**
 * The online monitor (fed event by event, as the explorer feeds it) and the offline search are
 * two implementations of one definition; on random small histories they must give the same
 * verdict, in both Range modes.
 */
const MODES: RangeMode[] = ['snapshot', 'contract'];

describe.each(MODES)('in %s mode', (mode) => {
  it('the online monitor and the offline verifier agree', () => {
    fc.assert(
      fc.property(fc.constantFrom<RangeMode>('snapshot', 'contract').chain((rangeStyle) => arbHistory({ faithful: false, rangeStyle })), (events) => {
        const { online, offline } = judge(events, mode);
        expect(offline.verdict).not.toBe('unknown');
        expect(online).toBe(offline.verdict === 'ok');
      }),
      { numRuns: 400 },
    );
  });

  it('a history produced by a real linearization, with snapshot Ranges, is accepted', () => {
    fc.assert(
      fc.property(arbHistory({ faithful: true, rangeStyle: 'snapshot' }), (events) => {
        const { online, offline } = judge(events, mode);
        expect(offline).toEqual({ verdict: 'ok' });
        expect(online).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('in contract mode', () => {
  it('a history whose Ranges report what the rule allows is accepted', () => {
    fc.assert(
      fc.property(arbHistory({ faithful: true, rangeStyle: 'contract' }), (events) => {
        const { online, offline } = judge(events, 'contract');
        expect(offline).toEqual({ verdict: 'ok' });
        expect(online).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the random histories mean something', () => {
  it('both verdicts are common, and the modes disagree on some histories', () => {
    const samples = fc.sample(
      fc.constantFrom<RangeMode>('snapshot', 'contract').chain((rangeStyle) => arbHistory({ faithful: false, rangeStyle })),
      { numRuns: 400, seed: 7 },
    );
    const verdicts = samples.map((events) => MODES.map((m) => judge(events, m).online));
    const ok = verdicts.filter(([s, c]) => s && c).length;
    const bad = verdicts.filter(([s, c]) => !s && !c).length;
    const contractOnly = verdicts.filter(([s, c]) => !s && c).length;
    expect(ok).toBeGreaterThan(40);
    expect(bad).toBeGreaterThan(40);
    expect(contractOnly).toBeGreaterThan(5);
    // The contract rule only ever allows more than a snapshot does.
    expect(verdicts.filter(([s, c]) => s && !c)).toEqual([]);
  });
});

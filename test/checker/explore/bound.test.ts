import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundFromFlags, boundWords, contextBound, parseTiers, preemptionCap, tierFields, tiersProblem, tiersText, withinBound } from '../../../checker/explore/bound.js';

const graded = { preemptions: 1, tiers: [{ ops: 2 }, { ops: 3, preemptions: 2 }] };

describe('withinBound', () => {
  it('admits an execution within any grade, and no other', () => {
    expect(withinBound(graded, 6, 1)).toBe(true);
    expect(withinBound(graded, 6, 2)).toBe(false);
    expect(withinBound(graded, 3, 2)).toBe(true);
    expect(withinBound(graded, 3, 3)).toBe(false);
    expect(withinBound(graded, 2, 99)).toBe(true);
    expect(withinBound({ preemptions: 0 }, 1, 1)).toBe(false);
  });

  // Monotone in both counts: what makes the bound prefix-closed, and the visited set's budget sound.
  it('admits fewer operations and fewer preemptions whenever it admits more', () => {
    fc.assert(fc.property(fc.nat(8), fc.nat(8), fc.nat(3), fc.nat(3), (ops, p, less, fewer) => {
      if (withinBound(graded, ops, p)) expect(withinBound(graded, Math.max(0, ops - less), Math.max(0, p - fewer))).toBe(true);
    }));
  });

  it('treats every count past the cap alike', () => {
    const cap = preemptionCap(graded);
    expect(cap).toBe(3);
    for (let ops = 0; ops <= 6; ops++) for (const p of [cap, cap + 1, cap + 50]) expect(withinBound(graded, ops, p)).toBe(withinBound(graded, ops, cap));
    expect(preemptionCap({ preemptions: 4, tiers: [{ ops: 2 }] })).toBe(5);
  });
});

describe('the tiers on the command line', () => {
  it('read and write back the same', () => {
    expect(parseTiers('2,3:2')).toEqual(graded.tiers);
    expect(tiersText(graded.tiers)).toBe('2,3:2');
    expect(parseTiers('4:0')).toEqual([{ ops: 4, preemptions: 0 }]);
  });

  it('are refused when they say nothing or contradict', () => {
    expect(tiersProblem(graded.tiers, 6, 1)).toBeUndefined();
    expect(tiersProblem([{ ops: 6 }], 6, 1)).toMatch(/reaches --depth 6/);
    expect(tiersProblem([{ ops: 3, preemptions: 1 }], 6, 1)).toMatch(/adds nothing/);
  });
});

describe('boundWords and contextBound', () => {
  it('name the bound as the reports print it', () => {
    expect(boundWords({ preemptions: 1 })).toBe('BOUNDED to 1 preemption');
    expect(boundWords(graded)).toBe('BOUNDED to 1 preemption (up to 2 operations in full, up to 3 operations with 2 preemptions)');
  });

  it('keep tiers only with a bound, and no empty list', () => {
    expect(contextBound({ tiers: [{ ops: 2 }] })).toEqual({});
    expect(contextBound({ preemptions: 0, tiers: [] })).toEqual({ preemptions: 0 });
    expect(contextBound(graded)).toEqual(graded);
  });
});

describe('boundFromFlags', () => {
  it('gives the bound --preemptions and --tiers ask for, or one line on what is wrong', () => {
    expect(boundFromFlags(undefined, undefined, 6)).toEqual({ preemptions: undefined });
    expect(boundFromFlags(1, '2,3:2', 6)).toEqual(graded);
    expect(boundFromFlags(undefined, '2', 6)).toBe('--tiers widens a context bound for shorter executions: give --preemptions too');
    expect(boundFromFlags(1, '2;3', 6)).toMatch(/^--tiers takes OPS or OPS:PREEMPTIONS/);
    expect(boundFromFlags(1, '6', 6)).toBe('--tiers: a tier of 6 operations reaches --depth 6: every execution in full is the search without --preemptions');
  });

  it('lists a tier\'s fields in one order, preemptions only where it has a limit', () => {
    expect(tierFields(graded.tiers)).toEqual([[['ops', 2]], [['ops', 3], ['preemptions', 2]]]);
  });
});

import { describe, expect, it } from 'vitest';
import { ALL_REDUCTIONS, type Reductions } from '../../../checker/explore/node.js';
import { explore, type ExploreResult } from '../../../checker/explore/search.js';
import { findWitnesses } from '../../../checker/explore/witness.js';
import { SMALL } from '../../../spec/config.js';
import { hmapTarget } from '../../../spec/hmap/target.js';

/**
 * Each reduction must keep every reachable outcome. The baseline is the search with every
 * reduction off: exact states (the raw JSON of the spec state and the monitor), which merges only
 * identical states, and a pure spec's future is a function of its state. (A search with no state
 * caching at all is out of reach even here: depth 2 with one key already has over 50 million
 * tree nodes.)
 */
const target = hmapTarget(SMALL);
const NONE: Reductions = { symmetry: false, valueNaming: false, keySymmetry: false, canonicalHeap: false, subsumption: false, chains: false, privateSteps: false, monitorRoots: false, deadAtCrash: false, classes: false };

function run(depth: number, goroutines: number, keys: number, reductions: Reductions, preemptions?: number): ExploreResult {
  return explore(target, {
    depth, goroutines, keys, cfg: SMALL, reductions,
    ...(preemptions === undefined ? {} : { preemptions }),
  });
}

const classes = (r: ExploreResult): string[] => [...r.outcomes.keys()].sort();

describe.each([
  { depth: 2, goroutines: 2, keys: 2 },
  { depth: 2, goroutines: 3, keys: 1 },
])('reductions at depth $depth, $goroutines goroutines, $keys keys', ({ depth, goroutines, keys }) => {
  const baseline = run(depth, goroutines, keys, NONE);
  const reduced = run(depth, goroutines, keys, ALL_REDUCTIONS);

  it('the baseline reaches the racy classes, so the comparison means something', () => {
    expect(classes(baseline)).toContain('fatal: concurrent map writes');
    expect(classes(baseline)).toContain('nonlinearizable');
    expect(classes(baseline).some((c) => c.startsWith('corrupt: '))).toBe(true);
  });

  it('all reductions together keep every outcome class and the contract verdict, with fewer states', () => {
    expect(classes(reduced)).toEqual(classes(baseline));
    expect(reduced.breached).toBe(baseline.breached);
    expect(reduced.states).toBeLessThan(baseline.states);
  });

  it.each(['symmetry', 'valueNaming', 'canonicalHeap', 'subsumption', 'chains', 'deadAtCrash'] as const)('switching %s off changes no outcome class', (name) => {
    const without = run(depth, goroutines, keys, { ...ALL_REDUCTIONS, [name]: false });
    expect(classes(without)).toEqual(classes(reduced));
    expect(without.breached).toBe(reduced.breached);
    // Each reduction does merge states here; one that merged none would be untested.
    expect(without.states).toBeGreaterThan(reduced.states);
  });
});

describe('the context bound (--preemptions)', () => {
  const exhaustive = run(2, 2, 2, ALL_REDUCTIONS);

  it('with no preemption, operations never overlap, and every execution ends ok', () => {
    expect(classes(run(2, 2, 2, ALL_REDUCTIONS, 0))).toEqual(['ok']);
  });

  it('finds more classes as the bound grows, never one the exhaustive search does not', () => {
    let previous: string[] = [];
    for (const p of [0, 1, 2, 3]) {
      const found = classes(run(2, 2, 2, ALL_REDUCTIONS, p));
      for (const c of previous) expect(found).toContain(c);
      for (const c of found) expect(classes(exhaustive)).toContain(c);
      previous = found;
    }
    expect(previous.length).toBeGreaterThan(1);
  });

  it('a bound no execution reaches gives exactly the exhaustive classes', () => {
    // One key keeps this affordable: tracking the last goroutine multiplies the states.
    expect(classes(run(2, 2, 1, ALL_REDUCTIONS, 200))).toEqual(classes(run(2, 2, 1, ALL_REDUCTIONS)));
  });
});

// A graded bound (--tiers F with --preemptions P) explores exactly the executions within either
// grade: those of at most F operations, and those with at most P preemptions. So it must reach
// the union of the two searches' classes, each witness at the lesser of their two costs.
describe('the graded bound (--tiers)', () => {
  const b = { depth: 3, goroutines: 2, keys: 2 };
  const bounded = { ...b, preemptions: 1 };
  const composite = { ...bounded, tiers: [{ ops: 2 }] };
  const full = { ...b, depth: 2 };
  const found = (o: typeof b & { preemptions?: number; tiers?: Array<{ ops: number }> }) => {
    const r = explore(target, { ...o, cfg: SMALL });
    return { classes: classes(r), witnesses: findWitnesses(target, SMALL, o, new Set(r.outcomes.keys())) };
  };
  const both = found(composite);
  const shallow = found(full);
  const narrow = found(bounded);

  it('reaches every class of either bound and no other', () => {
    expect(both.classes).toEqual([...new Set([...shallow.classes, ...narrow.classes])].sort());
    // The silent corruptions need more than one preemption: the composite is more than its bound.
    expect(shallow.classes.filter((c) => !narrow.classes.includes(c))).toEqual(['corrupt: count equals live keys', 'corrupt: every key reachable from its bucket']);
  });

  it('finds each witness at the lesser cost of the two', () => {
    const measure = (w: { ops: number; switches: number; steps: number } | undefined) => (w === undefined ? undefined : [w.ops, w.switches, w.steps]);
    const less = (x: number[] | undefined, y: number[] | undefined) => {
      if (!x || !y) return x ?? y;
      for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? x : y;
      return x;
    };
    for (const c of both.classes) {
      expect(measure(both.witnesses.get(c)), c).toEqual(less(measure(shallow.witnesses.get(c)), measure(narrow.witnesses.get(c))));
    }
  });
});

describe('minimal witnesses', () => {
  const bounds = { depth: 2, goroutines: 2, keys: 2 };
  const explored = run(2, 2, 2, ALL_REDUCTIONS);
  const witnesses = findWitnesses(target, SMALL, bounds, new Set(explored.outcomes.keys()));

  it('exist for every class the explorer reached, each ending in its own class', () => {
    expect([...witnesses.keys()].sort()).toEqual(classes(explored));
    for (const [wanted, path] of witnesses) expect(path.outcome).toBe(wanted);
  });

  it('use as few operations as any execution of their class: 1 for ok, 2 for every racy class', () => {
    for (const [outcome, path] of witnesses) expect(path.ops).toBe(outcome === 'ok' ? 1 : 2);
  });

  it('the writes race needs just one switch: the second writer sees hashWriting', () => {
    const w = witnesses.get('fatal: concurrent map writes')!;
    expect(w.switches).toBe(1);
  });
});

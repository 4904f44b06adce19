import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceClasses, forgetClasses, keyBefore, stateFingerprint, stateKey, usesClasses } from '../../../checker/explore/classes.js';
import { fingerprint } from '../../../checker/explore/fingerprints.js';
import { ALL_REDUCTIONS, initialNode, type Node, type Reductions } from '../../../checker/explore/node.js';
import { explore, type ExploreResult } from '../../../checker/explore/search.js';
import { makeTarget } from '../../../checker/run/targets.js';
import { SMALL } from '../../../spec/config.js';

/**
 * The search over classes must store exactly the states the search without them stores, under
 * the same keys, and reach the same end states with the same outcomes: it only reuses the
 * target's work, and its keys are meant to be the same texts.
 */
interface Run {
  result: ExploreResult;
  /** Every distinct end state: its outcome and its key. */
  ends: string[];
}

function run(name: string, depth: number, reductions: Reductions, shape: { goroutines?: number; keys?: number; slice?: { index: number; count: number } } = {}): Run {
  const ends: string[] = [];
  const result = explore(makeTarget(name, SMALL)!, {
    depth, goroutines: shape.goroutines ?? 2, keys: shape.keys ?? 2, cfg: SMALL, reductions, onEnd: (key, outcome) => ends.push(`${outcome} ${key}`),
    ...(shape.slice ? { slice: shape.slice } : {}),
  });
  return { result, ends: ends.sort() };
}

const WITHOUT: Reductions = { ...ALL_REDUCTIONS, classes: false };

// sync.Map, the target classes are for (see usesClasses): with goroutine symmetry over two and
// three goroutines, key symmetry over two keys, and Range callbacks' nested slots.
describe.each([
  { depth: 3, goroutines: 2, keys: 2 },
  { depth: 2, goroutines: 3, keys: 2 },
  { depth: 3, goroutines: 2, keys: 1 },
])('classes on syncmap at depth $depth, $goroutines goroutines, $keys keys', ({ depth, goroutines, keys }) => {
  const plain = run('syncmap', depth, WITHOUT, { goroutines, keys });
  const classes = run('syncmap', depth, ALL_REDUCTIONS, { goroutines, keys });

  it('store the same states and reach the same end states, key for key, with the same outcomes', () => {
    expect(classes.result.states).toBe(plain.result.states);
    expect(classes.result.executions).toBe(plain.result.executions);
    expect([...classes.result.outcomes].sort()).toEqual([...plain.result.outcomes].sort());
    expect(classes.result.breached).toBe(plain.result.breached);
    expect(classes.ends).toEqual(plain.ends);
  });

  it('the comparison is not empty: the search has end states to compare', () => {
    expect(plain.ends.length).toBeGreaterThan(10);
  });
});

describe('classes without the symmetry reduction', () => {
  it('keep the states and end states the search without them has, each goroutine order as numbered', () => {
    const plain = run('syncmap', 3, { ...WITHOUT, symmetry: false });
    const classes = run('syncmap', 3, { ...ALL_REDUCTIONS, symmetry: false });
    expect(classes.result.states).toBe(plain.result.states);
    expect(classes.ends).toEqual(plain.ends);
    // Without symmetry more states are told apart: the comparison is of another search than above.
    expect(plain.result.states).toBeGreaterThan(run('syncmap', 3, WITHOUT).result.states);
  });
});

describe('classes in a search of one slice (--shard)', () => {
  it('keep each slice what it is without them', () => {
    for (const index of [0, 1]) {
      const slice = { index, count: 2 };
      const plain = run('syncmap', 3, WITHOUT, { slice });
      const classes = run('syncmap', 3, ALL_REDUCTIONS, { slice });
      expect(classes.result.states).toBe(plain.result.states);
      expect(classes.ends).toEqual(plain.ends);
    }
  });
});

describe('the fingerprint of a state over classes (stateFingerprint)', () => {
  it('is the fingerprint of its key at every state a search stores', () => {
    const target = makeTarget('syncmap', SMALL)!;
    const bounds = { depth: 3, goroutines: 2, keys: 2 };
    forgetClasses(target);
    const seen = new Set<string>();
    let checked = 0;
    let differ = 0;
    const visit = (n: Node<unknown>): boolean => {
      const key = stateKey(target, bounds, n, ALL_REDUCTIONS);
      expect(stateFingerprint(target, bounds, n, ALL_REDUCTIONS)).toEqual(fingerprint(key));
      checked++;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    const stack: Array<Node<unknown>> = [initialNode(target, SMALL, bounds)];
    for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
      const reached = advanceClasses(target, bounds, n, true, ALL_REDUCTIONS, visit);
      for (const s of reached?.next ?? []) {
        stack.push(s.node);
        // States whose key differs from the key the class's first member would have: the names are at work.
        if (s.node.names && stateKey(target, bounds, s.node, ALL_REDUCTIONS) !== stateKey(target, bounds, { ...s.node, names: undefined }, ALL_REDUCTIONS)) differ++;
      }
    }
    forgetClasses(target);
    expect(checked).toBeGreaterThan(1000);
    expect(differ).toBeGreaterThan(0);
  });

  it('picks the order stateKey picks: keyBefore is the order of the whole keys', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '#', '"', '~', 'é'), maxLength: 6 });
    fc.assert(fc.property(text, text, text, text, (a, aRest, b, bRest) => {
      expect(keyBefore(a, aRest, b, bRest)).toBe(`${a}#${aRest}` < `${b}#${bRest}`);
    }), { numRuns: 3000 });
  });
});

describe('where classes apply', () => {
  const bounds = { depth: 3, goroutines: 2, keys: 2 };
  const target = makeTarget('syncmap', SMALL)!;

  it('in an exhaustive search with every reduction', () => {
    expect(usesClasses(target, bounds, ALL_REDUCTIONS)).toBe(true);
  });

  it('not under a context bound, nor without value naming, canonical heaps or crashed states keyed by memory, nor when switched off', () => {
    expect(usesClasses(target, { ...bounds, preemptions: 1 }, ALL_REDUCTIONS)).toBe(false);
    for (const off of ['valueNaming', 'canonicalHeap', 'deadAtCrash', 'classes'] as const) expect(usesClasses(target, bounds, { ...ALL_REDUCTIONS, [off]: false })).toBe(false);
    const { halt: _h, ...unhalted } = target;
    expect(usesClasses(unhalted, bounds, ALL_REDUCTIONS)).toBe(false);
  });

  it('not on targets whose runs soloRun reuses by Target.runKey', () => {
    for (const name of ['hmap', 'mutex-map', 'rwmutex-map', 'sharded-map']) expect(usesClasses(makeTarget(name, SMALL)!, bounds, ALL_REDUCTIONS)).toBe(false);
  });

  it('not on targets without a linearizability monitor, whose states are their target states', () => {
    expect(usesClasses({ ...target, linearizability: false }, bounds, ALL_REDUCTIONS)).toBe(false);
  });
});

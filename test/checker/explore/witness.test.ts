import { describe, expect, it } from 'vitest';
import { applyEdge, type Bounds, initialNode, outcomeOf } from '../../../checker/explore/node.js';
import { explore } from '../../../checker/explore/search.js';
import { BREACH, findWitnesses, type WitnessPath } from '../../../checker/explore/witness.js';
import { makeTarget } from '../../../checker/run/targets.js';
import { SMALL } from '../../../spec/config.js';
import type { Target } from '../../../spec/target.js';

/** Replays a witness's edges from the start: the state it ends in. */
function replay<S>(target: Target<S>, b: Bounds, path: WitnessPath) {
  let n = initialNode(target, SMALL, b);
  for (const edge of path.edges) n = applyEdge(target, b, n, edge).node;
  return n;
}

const cost = (p: WitnessPath) => ({ outcome: p.outcome, ops: p.ops, switches: p.switches, steps: p.steps, length: p.edges.length });

// Passing runs of single choices without keying them (and, where the explorer's expansion is
// every choice, reusing the explorer's walked runs) must keep every witness's least cost.
describe('the witness search passing runs of single choices', () => {
  it.each([
    ['hmap', { depth: 2, goroutines: 2, keys: 2 }],
    ['hmap', { depth: 3, goroutines: 2, keys: 2, preemptions: 1 }],
    ['hmap', { depth: 3, goroutines: 2, keys: 1, preemptions: 2 }],
    ['mutex-map', { depth: 3, goroutines: 2, keys: 1 }],
    ['rwmutex-map', { depth: 3, goroutines: 2, keys: 2 }],
    ['syncmap', { depth: 2, goroutines: 2, keys: 2 }],
    ['rwmutex-map/write-inside-read-lock', { depth: 2, goroutines: 2, keys: 1 }],
    ['rwmutex-map/recursive-read-lock', { depth: 3, goroutines: 2, keys: 1 }],
  ] as Array<[string, Bounds]>)('finds witnesses as cheap as the step-by-step search: %s %o', (name, b) => {
    const [base, variant] = name.split('/');
    const target = makeTarget(base!, SMALL, variant)!;
    const explored = explore(target, { ...b, cfg: SMALL });
    const wanted = new Set<string>(explored.outcomes.keys());
    if (explored.breached) wanted.add(BREACH);
    const passing = findWitnesses(target, SMALL, b, wanted);
    const stepping = findWitnesses(target, SMALL, b, wanted, { passRuns: false });
    expect([...passing.keys()].sort()).toEqual([...wanted].sort());
    for (const [tag, path] of passing) {
      expect(cost(path)).toEqual(cost(stepping.get(tag)!));
      // The path is a real schedule: replayed, it ends in the class it was found for.
      expect(outcomeOf(replay(target, b, path))).toBe(path.outcome);
      expect(path.edges.length).toBe(path.steps);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { applyEdge, type Bounds, initialNode, isEnd, type Node, nodeKey, outcomeOf, successors } from '../../../checker/explore/node.js';
import { packCost, unpackCost } from '../../../checker/explore/queue.js';
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

// A plain Dijkstra that works out every choice's state as it makes it, and keys every state: each
// class's least cost, to hold the search (which works a choice out only when it comes out of
// its queue, and passes runs of single choices) to.
describe('the witness search against a plain Dijkstra', () => {
  it.each([
    ['hmap', { depth: 2, goroutines: 2, keys: 2 }],
    ['hmap', { depth: 3, goroutines: 2, keys: 1, preemptions: 1 }],
    ['rwmutex-map', { depth: 2, goroutines: 2, keys: 1 }],
    ['syncmap', { depth: 2, goroutines: 2, keys: 1 }],
  ] as Array<[string, Bounds]>)('finds each class at its least cost: %s %o', (name, b) => {
    const target = makeTarget(name, SMALL)! as Target<unknown>;
    const least = new Map<string, number>();
    const done = new Set<string>();
    let queue: Array<{ n: Node<unknown>; last: number; cost: number }> = [{ n: initialNode(target, SMALL, b), last: -1, cost: 0 }];
    while (queue.length > 0) {
      queue.sort((x, y) => x.cost - y.cost);
      const { n, last, cost: c } = queue.shift()!;
      const key = `${nodeKey(target, b, n)}@${last}`;
      if (done.has(key)) continue;
      done.add(key);
      if (isEnd(target, b, n) && !least.has(outcomeOf(n))) least.set(outcomeOf(n), c);
      const { ops, switches, steps } = unpackCost(c);
      const next = successors(target, b, n).map(({ edge, node }) => ({
        n: node, last: edge.g, cost: packCost(ops + (edge.op ? 1 : 0), switches + (last >= 0 && last !== edge.g ? 1 : 0), steps + 1),
      }));
      queue = queue.concat(next);
    }
    const found = findWitnesses(target, SMALL, b, new Set(least.keys()));
    expect(new Map([...found].map(([o, p]) => [o, packCost(p.ops, p.switches, p.steps)]))).toEqual(least);
  });
});

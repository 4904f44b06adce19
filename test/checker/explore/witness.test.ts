import { describe, expect, it } from 'vitest';
import { ALL_REDUCTIONS, applyEdge, type Bounds, initialNode, isEnd, keyWithOrders, type Node, nodeKey, outcomeOf, successors } from '../../../checker/explore/node.js';
import { packCost, unpackCost } from '../../../checker/explore/queue.js';
import { explore } from '../../../checker/explore/search.js';
import { BREACH, findWitnesses, stateAt, type WitnessPath } from '../../../checker/explore/witness.js';
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
    ['hmap', { depth: 3, goroutines: 2, keys: 2, preemptions: 1, tiers: [{ ops: 2 }] }],
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

// A plain Dijkstra that works out every choice's state as it makes it, and keys every state
// without renaming goroutines or keys (no symmetry: the key and the last goroutine's number say
// all of the situation): each class's least cost, to hold the search (which works a choice out
// only when it comes out of its queue, passes runs of single choices, and merges states that
// differ by a renaming) to.
describe('the witness search against a plain Dijkstra', () => {
  it.each([
    ['hmap', { depth: 2, goroutines: 2, keys: 2 }],
    ['hmap', { depth: 3, goroutines: 2, keys: 1, preemptions: 1 }],
    ['hmap', { depth: 3, goroutines: 2, keys: 1, preemptions: 0, tiers: [{ ops: 2 }] }],
    ['hmap', { depth: 3, goroutines: 2, keys: 1, preemptions: 0, tiers: [{ ops: 2, preemptions: 2 }] }],
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
      const key = `${nodeKey(target, b, n, { ...ALL_REDUCTIONS, symmetry: false, keySymmetry: false })}@${last}`;
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

// Symmetry gives two states that differ by a renaming of goroutines one key, so the last
// goroutine to run must be named by its place in the key's order, not by its number.
describe('the witness search keying a state and its last goroutine', () => {
  const b: Bounds = { depth: 2, goroutines: 2, keys: 1 };
  const target = makeTarget('hmap', SMALL)! as Target<unknown>;
  // Every state within the bounds, breadth first, with the goroutine orders that list it as its key does.
  const reached: Array<{ n: Node<unknown>; key: string; orders: number[][] }> = [];
  const seen = new Set<string>();
  for (let todo = [initialNode(target, SMALL, b)]; todo.length > 0;) {
    const n = todo.shift()!;
    const { key, orders } = keyWithOrders(target, b, n);
    const text = JSON.stringify([n.s, n.mon, n.overlap]);
    if (seen.has(text)) continue;
    seen.add(text);
    reached.push({ n, key, orders });
    todo.push(...successors(target, b, n).map((x) => x.node));
  }
  // Two states, each its own mirror image's: the same key, goroutine 0 of one listed where goroutine 1 of the other is.
  const mirrors = reached.flatMap((x) => reached.filter((y) => y.key === x.key && x.orders.length === 1 && y.orders.length === 1
    && x.orders[0]![0] !== y.orders[0]![0]).map((y) => [x, y] as const));
  const twins = reached.filter((x) => x.orders.length === 2 && !isEnd(target, b, x.n) && successors(target, b, x.n).some((s) => s.edge.op === null));

  it('keys a state and its mirror image alike when the same goroutine, renamed, ran last, and apart when not', () => {
    expect(mirrors.length).toBeGreaterThan(0);
    for (const [x, y] of mirrors) {
      expect(stateAt(target, b, x.n, 0)).toBe(stateAt(target, b, y.n, 1));
      expect(stateAt(target, b, x.n, 1)).toBe(stateAt(target, b, y.n, 0));
      // Goroutine 0 of one is not goroutine 0 of the other: who runs next switches differently.
      expect(stateAt(target, b, x.n, 0)).not.toBe(stateAt(target, b, y.n, 0));
      expect(stateAt(target, b, x.n, 0)).not.toBe(stateAt(target, b, x.n, 1));
    }
  });

  it('keys every last goroutine alike in a state a renaming maps onto itself, apart from no goroutine', () => {
    expect(twins.length).toBeGreaterThan(0);
    for (const { n } of twins) {
      expect(stateAt(target, b, n, 0)).toBe(stateAt(target, b, n, 1));
      expect(stateAt(target, b, n, 0)).not.toBe(stateAt(target, b, n, -1));
    }
  });
});

describe('the witness search reporting progress', () => {
  it('says now and then how far it is, and finds the same witnesses as without', () => {
    const target = makeTarget('hmap', SMALL)!;
    const b: Bounds = { depth: 2, goroutines: 2, keys: 2 };
    const wanted = new Set(explore(target, { ...b, cfg: SMALL }).outcomes.keys());
    const ticks: Array<{ settled: number; found: number }> = [];
    const withTicks = findWitnesses(target, SMALL, b, wanted, { onProgress: (settled, found) => ticks.push({ settled, found }), progressEvery: 64 });
    expect(withTicks).toEqual(findWitnesses(target, SMALL, b, wanted));
    expect(ticks.length).toBeGreaterThan(1);
    for (let i = 1; i < ticks.length; i++) {
      expect(ticks[i]!.settled).toBeGreaterThan(ticks[i - 1]!.settled);
      expect(ticks[i]!.found).toBeGreaterThanOrEqual(ticks[i - 1]!.found);
    }
    expect(ticks.at(-1)!.found).toBeLessThanOrEqual(wanted.size);
  });
});

import type { Target } from '../../spec/target.js';
import type { OutcomeClass } from '../../spec/types.js';
import { ALL_REDUCTIONS, type Bounds, breaches, type Edge, initialNode, isChain, isEnd, type Node, nodeKey, outcomeOf, settle, successors, type Trail } from './node.js';
import { MinQueue, packCost, unpackCost } from './queue.js';
import type { MapConfig } from '../../spec/config.js';

/** A minimal execution ending in one outcome class, as the scheduler's choices. */
export interface WitnessPath {
  outcome: OutcomeClass;
  edges: Edge[];
  ops: number;
  switches: number;
  steps: number;
}

/** The outcome a breach of the contract is searched under (not an outcome class). */
export const BREACH = 'breach';

interface Entry<S> {
  node: Node<S>;
  key: string;
  last: number;
  cost: number;
  parent: number;
  /** The choices from the parent's state to this one: one, or a run of single choices (see `passRun`). */
  edges: readonly Edge[];
}

/**
 * Finds one minimal witness per wanted outcome class: fewest operations, then fewest context
 * switches, then fewest steps. A Dijkstra search over (state, last goroutine to run) in that
 * cost order, so the first end state of a class it pops is that class's minimal witness. It stops
 * as soon as every wanted class (and BREACH, if wanted: the cheapest race-free execution that
 * did not end ok) has one.
 */
export function findWitnesses<S>(target: Target<S>, cfg: MapConfig, b: Bounds, wanted: ReadonlySet<string>, o: { passRuns?: boolean } = {}): Map<string, WitnessPath> {
  const found = new Map<string, WitnessPath>();
  if (wanted.size === 0) return found;
  // passRuns false: every state keyed, step by step (tests compare the two).
  searchByCost(target, cfg, b, o.passRuns ?? true, (node, path) => {
    if (!isEnd(target, b, node)) return false;
    const outcome = outcomeOf(node);
    for (const tag of [outcome, ...(breaches(target, node) ? [BREACH] : [])]) {
      if (wanted.has(tag) && !found.has(tag)) found.set(tag, { outcome, ...path() });
    }
    return found.size >= wanted.size;
  });
  return found;
}

/** A minimal path in the same cost order: its edges and measures, without an outcome. */
export type MinimalPath = Omit<WitnessPath, 'outcome'>;

/**
 * The cheapest path (fewest operations, then switches, then steps) to a state where `goal`
 * holds, or undefined when no state within the bounds satisfies it. For claims about states in
 * the middle of an execution, e.g. "both writers inside their window with the flag clear".
 */
export function findPathTo<S>(target: Target<S>, cfg: MapConfig, b: Bounds, goal: (n: Node<S>) => boolean): MinimalPath | undefined {
  let result: MinimalPath | undefined;
  searchByCost(target, cfg, b, false, (node, path) => {
    if (!goal(node)) return false;
    result = path();
    return true;
  });
  return result;
}

/**
 * Dijkstra over (state, last goroutine to run) in cost order; `visit` sees each state the first
 * time it is popped at its least cost, with a way to build the path to it, and returns true to stop.
 *
 * `endsOnly`: `visit` looks only at end states, so a run of single choices (states with exactly
 * one successor, a step) is followed to its end without keying the states in between. That
 * keeps every least cost: whichever way reaches a state of the run goes on along the rest of it,
 * each step adding the same to the cost, so the end's least cost is the least over the ways
 * into the run, and the search meets each of those ways as an entry of its own. No end state is
 * inside a run (it crashed, or every goroutine is idle and its successors are starts).
 */
function searchByCost<S>(target: Target<S>, cfg: MapConfig, b: Bounds, endsOnly: boolean, visit: (n: Node<S>, path: () => MinimalPath) => boolean): void {
  const entries: Array<Entry<S>> = [];
  const best = new Map<string, number>();
  const queue = new MinQueue();
  const push = (e: Omit<Entry<S>, 'key'>): void => {
    const key = `${nodeKey(target, b, e.node)}@${e.last}`;
    const known = best.get(key);
    if (known !== undefined && known <= e.cost) return;
    best.set(key, e.cost);
    entries.push({ ...e, key });
    queue.push(e.cost, entries.length - 1);
  };
  push({ node: initialNode(target, cfg, b), last: -1, cost: 0, parent: -1, edges: [] });
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    const e = entries[id]!;
    if (best.get(e.key)! < e.cost) continue;
    if (visit(e.node, () => ({ edges: pathTo(entries, id), ...unpackCost(e.cost) }))) return;
    for (const { edge, node } of successors(target, b, e.node)) {
      let step = { node, last: edge.g, cost: costAfter(e.cost, e.last, edge), edges: [edge] };
      if (endsOnly) step = passRun(target, b, step);
      push({ ...step, parent: id });
    }
  }
}

/** The cost of a path of cost `cost`, whose last step was goroutine `last`'s, after `edge` and `more` steps of the same goroutine. */
function costAfter(cost: number, last: number, edge: Edge, more = 0): number {
  const { ops, switches, steps } = unpackCost(cost);
  const switched = last >= 0 && last !== edge.g ? 1 : 0;
  return packCost(ops + (edge.op ? 1 : 0), switches + switched, steps + 1 + more);
}

type Reached<S> = { node: Node<S>; last: number; cost: number; edges: Edge[] };

/**
 * Follows `at` along its run of single choices, if it starts one, to the run's end, adding the
 * run's choices to `at.edges` (the caller's own, fresh array). Where the
 * explorer's expansion is the scheduler's every choice (no private steps taken alone: the target
 * has none, or a context bound is on), this is the explorer's own `settle`, which walks a run of
 * one goroutine once and then reuses its end (node.ts, `soloRun`); its trail says who took how
 * many steps, which is the path, since a run has no starts. Otherwise it steps.
 */
function passRun<S>(target: Target<S>, b: Bounds, at: Reached<S>): Reached<S> {
  if (!target.privateStep || b.preemptions !== undefined) {
    const trail: Trail = [];
    const end = settle(target, b, at.node, ALL_REDUCTIONS, successors(target, b, at.node), trail);
    let { cost, last } = at;
    for (const { g, steps } of trail) {
      const edge: Edge = { g, op: null };
      cost = costAfter(cost, last, edge, steps - 1);
      last = g;
      for (let k = 0; k < steps; k++) at.edges.push(edge);
    }
    return { node: end.node, last, cost, edges: at.edges };
  }
  for (let next = successors(target, b, at.node); isChain(next); next = successors(target, b, at.node)) {
    const { edge, node } = next[0]!;
    at.edges.push(edge);
    at = { node, last: edge.g, cost: costAfter(at.cost, at.last, edge), edges: at.edges };
  }
  return at;
}

function pathTo<S>(entries: Array<Entry<S>>, id: number): Edge[] {
  const runs: Array<readonly Edge[]> = [];
  for (let i = id; i >= 0; i = entries[i]!.parent) runs.push(entries[i]!.edges);
  return runs.reverse().flat();
}

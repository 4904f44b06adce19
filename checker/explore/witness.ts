import type { Target } from '../../spec/target.js';
import type { OutcomeClass } from '../../spec/types.js';
import { type Bounds, breaches, type Edge, initialNode, isEnd, type Node, nodeKey, outcomeOf, successors } from './node.js';
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
  edge: Edge | null;
}

/**
 * Finds one minimal witness per wanted outcome class: fewest operations, then fewest context
 * switches, then fewest steps. A Dijkstra search over (state, last goroutine to run) in that
 * cost order, so the first end state of a class it pops is that class's minimal witness. It stops
 * as soon as every wanted class (and BREACH, if wanted: the cheapest race-free execution that
 * did not end ok) has one.
 */
export function findWitnesses<S>(target: Target<S>, cfg: MapConfig, b: Bounds, wanted: ReadonlySet<string>): Map<string, WitnessPath> {
  const found = new Map<string, WitnessPath>();
  if (wanted.size === 0) return found;
  searchByCost(target, cfg, b, (node, path) => {
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
  searchByCost(target, cfg, b, (node, path) => {
    if (!goal(node)) return false;
    result = path();
    return true;
  });
  return result;
}

/**
 * Dijkstra over (state, last goroutine to run) in cost order; `visit` sees each state the first
 * time it is popped at its least cost, with a way to build the path to it, and returns true to stop.
 */
function searchByCost<S>(target: Target<S>, cfg: MapConfig, b: Bounds, visit: (n: Node<S>, path: () => MinimalPath) => boolean): void {
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
  push({ node: initialNode(target, cfg, b), last: -1, cost: 0, parent: -1, edge: null });
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    const e = entries[id]!;
    if (best.get(e.key)! < e.cost) continue;
    if (visit(e.node, () => ({ edges: pathTo(entries, id), ...unpackCost(e.cost) }))) return;
    const { ops, switches, steps } = unpackCost(e.cost);
    for (const { edge, node } of successors(target, b, e.node)) {
      const switched = e.last >= 0 && e.last !== edge.g ? 1 : 0;
      push({ node, last: edge.g, cost: packCost(ops + (edge.op ? 1 : 0), switches + switched, steps + 1), parent: id, edge });
    }
  }
}

function pathTo<S>(entries: Array<Entry<S>>, id: number): Edge[] {
  const edges: Edge[] = [];
  for (let i = id; entries[i]!.edge; i = entries[i]!.parent) edges.push(entries[i]!.edge!);
  return edges.reverse();
}

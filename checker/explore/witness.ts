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
  for (let id = queue.pop(); id !== undefined && found.size < wanted.size; id = queue.pop()) {
    const e = entries[id]!;
    if (best.get(e.key)! < e.cost) continue;
    if (isEnd(target, b, e.node)) {
      const outcome = outcomeOf(e.node);
      const tags = [outcome, ...(breaches(target, e.node) ? [BREACH] : [])];
      for (const tag of tags) {
        if (wanted.has(tag) && !found.has(tag)) found.set(tag, { outcome, edges: pathTo(entries, id), ...unpackCost(e.cost) });
      }
    }
    const { ops, switches, steps } = unpackCost(e.cost);
    for (const { edge, node } of successors(target, b, e.node)) {
      const switched = e.last >= 0 && e.last !== edge.g ? 1 : 0;
      push({ node, last: edge.g, cost: packCost(ops + (edge.op ? 1 : 0), switches + switched, steps + 1), parent: id, edge });
    }
  }
  return found;
}

function pathTo<S>(entries: Array<Entry<S>>, id: number): Edge[] {
  const edges: Edge[] = [];
  for (let i = id; entries[i]!.edge; i = entries[i]!.parent) edges.push(entries[i]!.edge!);
  return edges.reverse();
}

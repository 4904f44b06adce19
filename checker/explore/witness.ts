import type { Target } from '../../spec/target.js';
import type { OutcomeClass } from '../../spec/types.js';
import { ALL_REDUCTIONS, applyEdge, type Bounds, breaches, type Edge, initialNode, isChain, isEnd, keyWithOrders, type Node, outcomeOf, settle, successorEdges, successors, type Trail } from './node.js';
import { compactKey } from './fingerprints.js';
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

/** A state the search has settled at its least cost. */
interface Entry<S> {
  /** Dropped once every choice from it has been worked out: only the path back is kept then. */
  node: Node<S> | undefined;
  /** Choices from this state not yet worked out. */
  open: number;
  last: number;
  cost: number;
  parent: number;
  /** The choices from the parent's state to this one: one, or a run of single choices (see `passRun`). */
  edges: readonly Edge[];
}

/**
 * A scheduler choice from a settled state, waiting in the queue. Its state is worked out only
 * when it comes out of the queue (`reached`): until then its cost is the least it can have (the
 * choice alone, before the run it may start), so it comes out no later than its real cost would
 * take it, and goes back in at that cost if the run added to it. Most choices never come out
 * (their cost is past the last witness found), and working them all out as they were made was
 * two thirds of the witness search (the plain map at depth 6: 57,179 made, 19,548 settled).
 */
interface Pending<S> {
  parent: number;
  edge: Edge;
  cost: number;
  reached?: { node: Node<S>; last: number; edges: Edge[]; key: string };
}

/**
 * Finds one minimal witness per wanted outcome class: fewest operations, then fewest context
 * switches, then fewest steps. A Dijkstra search over (state, last goroutine to run) in that
 * cost order, so the first end state of a class it pops is that class's minimal witness. It stops
 * as soon as every wanted class (and BREACH, if wanted: the cheapest race-free execution that
 * did not end ok) has one.
 */
export function findWitnesses<S>(target: Target<S>, cfg: MapConfig, b: Bounds, wanted: ReadonlySet<string>, o: WitnessOptions = {}): Map<string, WitnessPath> {
  const found = new Map<string, WitnessPath>();
  if (wanted.size === 0) return found;
  const every = o.progressEvery ?? PROGRESS_EVERY;
  const tick = o.onProgress && ((settled: number): void => {
    if (settled % every === 0) o.onProgress!(settled, found.size);
  });
  // passRuns false: every state keyed, step by step (tests compare the two).
  searchByCost(target, cfg, b, o.passRuns ?? true, tick, (node, path) => {
    if (!isEnd(target, b, node)) return false;
    const outcome = outcomeOf(node);
    for (const tag of [outcome, ...(breaches(target, node) ? [BREACH] : [])]) {
      if (wanted.has(tag) && !found.has(tag)) found.set(tag, { outcome, ...path() });
    }
    return found.size >= wanted.size;
  });
  return found;
}

export interface WitnessOptions {
  /** False: every state keyed, step by step (tests compare the two ways); true when absent. */
  passRuns?: boolean;
  /**
   * Called now and then (every PROGRESS_EVERY settled situations) with how many are settled and
   * how many wanted classes have their witness: the search can take minutes (the plain map
   * explored in full at depth 3), and a run that says nothing that long looks hung.
   */
  onProgress?: (settled: number, found: number) => void;
  /** How many settled situations apart onProgress is called; PROGRESS_EVERY when absent (tests make it small). */
  progressEvery?: number;
}

const PROGRESS_EVERY = 4096;

/** A minimal path in the same cost order: its edges and measures, without an outcome. */
export type MinimalPath = Omit<WitnessPath, 'outcome'>;

/**
 * The cheapest path (fewest operations, then switches, then steps) to a state where `goal`
 * holds, or undefined when no state within the bounds satisfies it. For claims about states in
 * the middle of an execution, e.g. "both writers inside their window with the flag clear".
 * `goal` must hold of a state exactly when it holds of the state with its goroutines renamed:
 * the search keeps one of such states (symmetry), so a goal that named a goroutine could miss
 * the state that meets it.
 */
export function findPathTo<S>(target: Target<S>, cfg: MapConfig, b: Bounds, goal: (n: Node<S>) => boolean): MinimalPath | undefined {
  let result: MinimalPath | undefined;
  searchByCost(target, cfg, b, false, undefined, (node, path) => {
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
function searchByCost<S>(target: Target<S>, cfg: MapConfig, b: Bounds, endsOnly: boolean, settled: ((count: number) => void) | undefined, visit: (n: Node<S>, path: () => MinimalPath) => boolean): void {
  const entries: Array<Entry<S>> = [];
  // A choice is dropped (undefined) once it is settled or beaten: only its place in the order is kept, in `best`.
  const pending: Array<Pending<S> | undefined> = [];
  // Per state and last goroutine (by fingerprint, see stateAt): the least (cost, place in the
  // queue's order) of a choice worked out so far, and whether it was settled.
  const best = new Map<string, { cost: number; seq: number; settled: boolean }>();
  // Ties go to the choice made first, as when each was worked out as it was made: a pending
  // choice's place in `pending` is the order choices were made in.
  const queue = new MinQueue();
  const settleEntry = (entry: Entry<S>): boolean => {
    const id = entries.push(entry) - 1;
    settled?.(id);
    const node = entry.node!;
    if (visit(node, () => ({ edges: pathTo(entries, id), ...unpackCost(entry.cost) }))) return true;
    for (const edge of successorEdges(target, b, node)) {
      const seq = pending.push({ parent: id, edge, cost: costAfter(entry.cost, entry.last, edge) }) - 1;
      queue.push(pending[seq]!.cost, seq);
      entry.open++;
    }
    if (entry.open === 0) entry.node = undefined;
    return false;
  };
  const root = initialNode(target, cfg, b);
  best.set(stateAt(target, b, root, -1), { cost: 0, seq: -1, settled: true });
  if (settleEntry({ node: root, open: 0, last: -1, cost: 0, parent: -1, edges: [] })) return;
  for (let seq = queue.pop(); seq !== undefined; seq = queue.pop()) {
    const p = pending[seq]!;
    if (!p.reached) {
      const from = entries[p.parent]!;
      let step = { node: applyEdge(target, b, from.node!, p.edge, false).node, last: p.edge.g, cost: p.cost, edges: [p.edge] };
      if (--from.open === 0) from.node = undefined;
      if (endsOnly) step = passRun(target, b, step);
      const key = stateAt(target, b, step.node, step.last);
      const known = best.get(key);
      if (known && (known.settled || known.cost < step.cost || (known.cost === step.cost && known.seq < seq))) {
        pending[seq] = undefined;
        continue;
      }
      best.set(key, { cost: step.cost, seq, settled: false });
      p.reached = { node: step.node, last: step.last, edges: step.edges, key };
      if (step.cost > p.cost) {
        p.cost = step.cost;
        queue.push(p.cost, seq);
        continue;
      }
    }
    const reached = p.reached;
    pending[seq] = undefined;
    const known = best.get(reached.key)!;
    // Another choice reached the same state more cheaply (or as cheaply, made earlier) since this one was worked out.
    if (known.seq !== seq) continue;
    known.settled = true;
    if (settleEntry({ node: reached.node, open: 0, last: reached.last, cost: p.cost, parent: p.parent, edges: reached.edges })) return;
  }
}

/**
 * A state and the last goroutine to run, as `best` keys them: the state key's compact
 * fingerprint (full keys ran the exhaustive plain map at depth 3 with two keys out of heap),
 * then the place of the last goroutine in the key's goroutine order. Not the goroutine's number:
 * the key is one for states that differ only by a renaming of goroutines (symmetry), and of two
 * such states, the one whose last runner is goroutine 0 is in the situation of the other whose
 * last runner is goroutine 1. Keyed by number, the search took situations with different
 * futures for one and lost minimal witnesses: the plain map at depth 3 with one key gave five
 * classes a witness with one switch more than their least (`no key twice` 7 instead of 6).
 */
export function stateAt<S>(target: Target<S>, b: Bounds, node: Node<S>, last: number): string {
  const { key, orders } = keyWithOrders(target, b, node);
  // A state that a renaming maps onto itself lists `last` at the place of each such renaming:
  // those situations are one, and the least place names it.
  let place = last < 0 ? -1 : b.goroutines;
  if (last >= 0) for (const order of orders) place = Math.min(place, order.indexOf(last));
  return compactKey(key) + String.fromCharCode(place + 1);
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

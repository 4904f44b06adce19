/**
 * The spec's side of the comparison with real Go (`npm run vs-go`): every outcome class the spec
 * of the plain map (or of sync.Map, or of a locked map) reaches when goroutine 0 runs one operation and goroutine 1
 * another, at the same time, on a map that first holds `prefill` keys (put there by goroutine 0,
 * one after another, before either starts). Every interleaving of their steps is explored. By
 * default under the configuration `go` (Go's own bucket size, load factor and initial size), as
 * the real program runs.
 */
import { CONFIGS, type MapConfig } from '../../spec/config.js';
import { makeTarget } from '../run/targets.js';
import type { Target } from '../../spec/target.js';
import type { Op, OutcomeClass } from '../../spec/types.js';
import { ALL_REDUCTIONS, applyEdge, type Bounds, type Edge, initialNode, type Node, nodeKey, outcomeOf } from '../explore/node.js';
import { MinQueue, packCost, unpackCost } from '../explore/queue.js';
import type { WitnessPath } from '../explore/witness.js';

/** The operations the comparison pairs, by the names the Go harness takes (checker/vsgo/harness/main.go). */
export const PAIR_OPS = ['assign', 'access', 'delete', 'range', 'clear', 'len'] as const;
export type PairOp = (typeof PAIR_OPS)[number];

/**
 * The maps compared, by their target names: Go's plain map, sync.Map (Store, Load, Delete, Range:
 * it has no clear or len in Go 1.19), and the safe alternatives: a map under a sync.Mutex, under a
 * sync.RWMutex, and split over two such shards (key k in shard k mod 2, as the spec's shardOf puts
 * keys 0 and 1 under the configuration go).
 */
export const PAIR_MAPS = ['hmap', 'syncmap', 'mutex-map', 'rwmutex-map', 'sharded-map'] as const;
export type PairMap = (typeof PAIR_MAPS)[number];
export const MAP_OPS: Readonly<Record<PairMap, readonly PairOp[]>> = {
  hmap: PAIR_OPS, syncmap: ['assign', 'access', 'delete', 'range'], 'mutex-map': PAIR_OPS, 'rwmutex-map': PAIR_OPS, 'sharded-map': PAIR_OPS,
};

/** One run of the comparison: the map, the two goroutines' operations and how many keys the map holds first. */
export interface PairCase {
  map: PairMap;
  ops: readonly [PairOp, PairOp];
  prefill: number;
}

/** The spec of the case's map. */
function targetOf(c: PairCase, cfg: MapConfig): Target<unknown> {
  const target = makeTarget(c.map, cfg);
  if (!target) throw new Error(`no spec for map ${c.map}`);
  return target;
}

/** Goroutine g's operation: on key 0 (both on the same key, where they collide), with a value of its own. */
function opOf(kind: PairOp, g: number, prefill: number): Op {
  switch (kind) {
    case 'assign': return { kind, key: 0, value: prefill + 1 + g };
    case 'access':
    case 'delete': return { kind, key: 0 };
    default: return { kind };
  }
}

/**
 * The outcome classes of every interleaving of the case's two operations, sorted. Keys are the
 * full state keys with no renaming of goroutines or keys: which goroutine may still start which
 * operation is part of the situation, so two mirror states are not one here.
 */
export function modelClasses(c: PairCase, cfg: MapConfig = CONFIGS['go']!): OutcomeClass[] {
  return classesOf(targetOf(c, cfg), cfg, c);
}

/** The bounds of a case's executions: its operations, the setup's included, over as many keys. */
export function pairBounds(c: PairCase): Bounds {
  return { depth: c.prefill + 2, goroutines: 2, keys: Math.max(1, c.prefill) };
}

/** Full state keys (no renaming), plus which goroutines have begun their operation. */
function situationKey<S>(target: Target<S>, b: Bounds, n: Node<S>, started: number): string {
  return `${nodeKey(target, b, n, { ...ALL_REDUCTIONS, symmetry: false, keySymmetry: false })}#${started}`;
}

/** The scheduler's choices from a state of the case: each busy goroutine's step, or its one start. */
function caseEdges<S>(target: Target<S>, n: Node<S>, started: number, ops: readonly Op[]): Edge[] {
  const edges: Edge[] = [];
  if (n.crash) return edges;
  for (let g = 0; g < 2; g++) {
    if (!target.idle(n.s, g)) {
      if (target.enabled(n.s, g)) edges.push({ g, op: null });
    } else if (!(started & (1 << g))) {
      edges.push({ g, op: ops[g]! });
    }
  }
  return edges;
}

/** The setup's node and choices: goroutine 0 fills the map alone, one assign after another. */
function setUp<S>(target: Target<S>, cfg: MapConfig, c: PairCase): { root: Node<S>; edges: Edge[]; ops: Op[] } {
  const b = pairBounds(c);
  let root = initialNode(target, cfg, b);
  const edges: Edge[] = [];
  for (let k = 0; k < c.prefill; k++) {
    root = runAlone(target, b, root, { kind: 'assign', key: k, value: k + 1 }, edges);
  }
  return { root, edges, ops: [opOf(c.ops[0], 0, c.prefill), opOf(c.ops[1], 1, c.prefill)] };
}

/** How many steps goroutine 0 takes to fill the map before the pair starts. */
export function setupSteps(c: PairCase, cfg: MapConfig = CONFIGS['go']!): number {
  return setUp(targetOf(c, cfg), cfg, c).edges.length;
}

/**
 * For each wanted class the case reaches, its cheapest execution: fewest context switches, then
 * fewest steps (the operations are the case's), as the scheduler's choices from the empty map,
 * the setup's included. A Dijkstra search over (situation, last goroutine to run); ties go to
 * the choice made first, so the result is the same on every run.
 */
export function pairWitnesses(c: PairCase, wanted: ReadonlySet<string>, cfg: MapConfig = CONFIGS['go']!): Map<string, WitnessPath> {
  return witnessesOf(targetOf(c, cfg), cfg, c, wanted);
}

/** The spec of the case's map, for replaying its witnesses. */
export function pairTarget(c: PairCase, cfg: MapConfig = CONFIGS['go']!): Target<unknown> {
  return targetOf(c, cfg);
}

function witnessesOf<S>(target: Target<S>, cfg: MapConfig, c: PairCase, wanted: ReadonlySet<string>): Map<string, WitnessPath> {
  const b = pairBounds(c);
  const { root, edges: setup, ops } = setUp(target, cfg, c);
  const found = new Map<string, WitnessPath>();
  interface Entry { node: Node<S>; started: number; last: number; cost: number; parent: number; edge: Edge | undefined }
  const entries: Entry[] = [{ node: root, started: 0, last: setup.length > 0 ? 0 : -1, cost: packCost(c.prefill, 0, setup.length), parent: -1, edge: undefined }];
  const settled = new Set<string>();
  const queue = new MinQueue();
  queue.push(entries[0]!.cost, 0);
  for (let id = queue.pop(); id !== undefined && found.size < wanted.size; id = queue.pop()) {
    const e = entries[id]!;
    const key = `${situationKey(target, b, e.node, e.started)}@${e.last}`;
    if (settled.has(key)) continue;
    settled.add(key);
    const next = caseEdges(target, e.node, e.started, ops);
    if (next.length === 0) {
      const outcome = outcomeOf(e.node);
      if (wanted.has(outcome) && !found.has(outcome)) found.set(outcome, { outcome, edges: [...setup, ...pathTo(entries, id)], ...unpackCost(e.cost) });
      continue;
    }
    for (const edge of next) {
      const { ops: n, switches, steps } = unpackCost(e.cost);
      const cost = packCost(n + (edge.op ? 1 : 0), switches + (e.last >= 0 && e.last !== edge.g ? 1 : 0), steps + 1);
      const node = applyEdge(target, b, e.node, edge, false).node;
      queue.push(cost, entries.push({ node, started: e.started | (edge.op ? 1 << edge.g : 0), last: edge.g, cost, parent: id, edge }) - 1);
    }
  }
  return found;
}

function pathTo(entries: ReadonlyArray<{ parent: number; edge: Edge | undefined }>, id: number): Edge[] {
  const out: Edge[] = [];
  for (let at = id; entries[at]!.edge !== undefined; at = entries[at]!.parent) out.push(entries[at]!.edge!);
  return out.reverse();
}

function classesOf<S>(target: Target<S>, cfg: MapConfig, c: PairCase): OutcomeClass[] {
  const b = pairBounds(c);
  const { root, ops } = setUp(target, cfg, c);
  const classes = new Set<OutcomeClass>();
  const seen = new Set<string>();
  // `started`: a bit per goroutine that has begun its operation, so neither starts a second.
  const stack: Array<{ node: Node<S>; started: number }> = [{ node: root, started: 0 }];
  while (stack.length > 0) {
    const { node, started } = stack.pop()!;
    const key = situationKey(target, b, node, started);
    if (seen.has(key)) continue;
    seen.add(key);
    const edges = caseEdges(target, node, started, ops);
    if (edges.length === 0) {
      classes.add(outcomeOf(node));
      continue;
    }
    for (const e of edges) stack.push({ node: applyEdge(target, b, node, e, false).node, started: started | (e.op ? 1 << e.g : 0) });
  }
  return [...classes].sort();
}

/** Goroutine 0 runs `op` from start to end with nobody else about: the map's setup. */
function runAlone<S>(target: Target<S>, b: Bounds, n: Node<S>, op: Op, edges: Edge[]): Node<S> {
  edges.push({ g: 0, op });
  let node = applyEdge(target, b, n, { g: 0, op }, false).node;
  while (!target.idle(node.s, 0) && !node.crash) {
    edges.push({ g: 0, op: null });
    node = applyEdge(target, b, node, { g: 0, op: null }, false).node;
  }
  if (node.crash || node.broken) throw new Error(`the spec crashed or broke while goroutine 0 filled the map alone (${outcomeOf(node)})`);
  return node;
}

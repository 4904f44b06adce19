import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { FingerprintTable } from '../explore/fingerprints.js';
import { type Bounds, type Edge, initialNode, isEnd, type Node, nodeKey, outcomeOf, successors } from '../explore/node.js';
import { witnessTrace } from '../run/witness-trace.js';
import type { TraceFile } from '../trace/types.js';

/** The edges that led to a node, newest first: shared tails keep the search's stack small. */
interface PathLink {
  edge: Edge;
  prev: PathLink | undefined;
}

/**
 * Every schedule of every scenario up to the bounds, as the checker counts them: one per distinct
 * end state of the exhaustive search (ExploreResult.executions). This is checker/explore/search.ts's
 * depth-first search, step for step (the same state keys, the same visited set with its
 * operation budget, the same order), that also carries the path to each node; the path to the
 * first visit of each end state becomes a trace (witnessTrace, so its labels are the ones a
 * replay checks). The traces are generated one at a time: a large bound never holds them all.
 * With b.preemptions set (and b.tiers), the search is the context-bounded one the checker runs under that bound.
 */
export function* endStateSchedules<S>(target: Target<S>, cfg: MapConfig, b: Bounds, shards?: number): Generator<TraceFile> {
  const visited = new FingerprintTable();
  const ended = new FingerprintTable(12);
  const stack: Array<{ node: Node<S>; path: PathLink | undefined }> = [{ node: initialNode(target, cfg, b), path: undefined }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const key = nodeKey(target, b, node);
    const budget = b.depth - node.ops;
    if (visited.get(key) >= budget) continue;
    visited.set(key, budget);
    if (isEnd(target, b, node) && ended.set(key, 0) < 0) yield traceOf(target, cfg, b, node, path, shards);
    const next = successors(target, b, node);
    for (let i = next.length - 1; i >= 0; i--) stack.push({ node: next[i]!.node, path: { edge: next[i]!.edge, prev: path } });
  }
}

function traceOf<S>(target: Target<S>, cfg: MapConfig, b: Bounds, node: Node<S>, path: PathLink | undefined, shards?: number): TraceFile {
  const edges: Edge[] = [];
  for (let l = path; l; l = l.prev) edges.push(l.edge);
  edges.reverse();
  let switches = 0;
  for (let i = 1; i < edges.length; i++) if (edges[i]!.g !== edges[i - 1]!.g) switches++;
  const witness = { outcome: outcomeOf(node), edges, ops: node.ops, switches, steps: edges.length };
  return witnessTrace(target, cfg, b, witness, undefined, shards).trace;
}

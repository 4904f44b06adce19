/**
 * Schedules for sync.Map conformance beyond the committed witnesses, made by the checker's own
 * search: findPathTo finds the cheapest execution reaching a chosen mid-execution state (say, G0
 * about to promote dirty while G1 is inside a Store), then the operations already started run to
 * their ends round-robin, one step each in turn, so the goroutines keep interleaving after that
 * point too. witnessTrace turns the result into a trace, exactly as the checker writes witnesses.
 * Nothing is written to disk.
 */
import { applyEdge, type Bounds, type Edge, initialNode, isEnd, type Node, outcomeOf } from '../../../checker/explore/node.js';
import { findPathTo } from '../../../checker/explore/witness.js';
import { witnessTrace } from '../../../checker/run/witness-trace.js';
import type { TraceFile } from '../../../checker/trace/types.js';
import { SMALL } from '../../../spec/config.js';
import type { SyncMapState } from '../../../spec/syncmap/state.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import type { Target } from '../../../spec/target.js';
import type { Op } from '../../../spec/types.js';

export interface Goal {
  name: string;
  /** The operations the search may start (fewer kinds keep it quick; each is a real sync.Map op). */
  ops: Op['kind'][];
  /** Range bodies the search may use, when ops has 'range'. */
  bodies?: Array<'none' | 'stop' | 'delete' | 'store'>;
  depth: number;
  /** The mid-execution state to reach. */
  reached(s: SyncMapState, t: Target<SyncMapState>): boolean;
}

const cfg = SMALL;

/** The target with its alphabet narrowed to the goal's operations; every step is still the spec's own. */
function narrowed(goal: Goal): Target<SyncMapState> {
  const t = syncmapTarget(cfg);
  const bodies = goal.bodies ?? ['none'];
  return {
    ...t,
    alphabet: (keys, value) => t.alphabet(keys, value).filter((op) =>
      goal.ops.includes(op.kind) && (op.kind !== 'range' || bodies.includes(op.body ?? 'none'))),
  };
}

function switchesOf(edges: readonly Edge[]): number {
  let n = 0;
  for (let i = 1; i < edges.length; i++) if (edges[i]!.g !== edges[i - 1]!.g) n++;
  return n;
}

/** The trace of the cheapest execution through the goal's state, finished round-robin; throws if the goal is unreachable. */
export function scheduleThrough(goal: Goal, goroutines = 2, keys = 2): TraceFile {
  const t = narrowed(goal);
  const b: Bounds = { depth: goal.depth, goroutines, keys };
  const path = findPathTo(t, cfg, b, (n) => goal.reached(n.s, t));
  if (!path) throw new Error(`goal "${goal.name}" is unreachable within depth ${goal.depth}`);
  let node: Node<SyncMapState> = initialNode(t, cfg, b);
  for (const edge of path.edges) node = applyEdge(t, b, node, edge).node;
  const edges = [...path.edges];
  // Round-robin over the goroutines still in an operation, starting after the one that ran last.
  let g = edges.at(-1)!.g;
  for (let guard = 0; !isEnd(t, b, node); guard++) {
    if (guard > 10_000) throw new Error(`goal "${goal.name}": the execution does not end`);
    g = (g + 1) % goroutines;
    if (t.idle(node.s, g) || !t.enabled(node.s, g)) continue;
    const edge: Edge = { g, op: null };
    node = applyEdge(t, b, node, edge).node;
    edges.push(edge);
  }
  const measures = { ops: path.ops, switches: switchesOf(edges), steps: edges.length };
  return witnessTrace(t, cfg, b, { outcome: outcomeOf(node), edges, ...measures }).trace;
}

/** Whether goroutine g is inside an operation of this kind and has made its first step. */
export function inside(s: SyncMapState, g: number, kind: Op['kind']): boolean {
  const gs = s.gs[g]!;
  return gs.op?.kind === kind && gs.called === 1;
}

/** Whether some readOnly ever built has a non-nil m: only a promotion of dirty builds one. */
export function promoted(s: SyncMapState): boolean {
  return s.mem.readOnlys.some((ro) => ro.m >= 0);
}

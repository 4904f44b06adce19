/**
 * Contended schedules of the guarded maps, built on the spec: the goroutines take the steps a
 * list prescribes (starting their next operation when idle), then the operations still running
 * end round-robin, skipping a goroutine while the spec holds it back at a lock. witnessTrace
 * turns the path into a trace, exactly as the checker writes witnesses. Nothing is written.
 */
import { applyEdge, type Bounds, type Edge, initialNode, isEnd, outcomeOf } from '../../../checker/explore/node.js';
import { witnessTrace } from '../../../checker/run/witness-trace.js';
import type { TraceFile } from '../../../checker/trace/types.js';
import { SMALL } from '../../../spec/config.js';
import type { Target } from '../../../spec/target.js';
import type { Op } from '../../../spec/types.js';

export function contended<S>(target: Target<S>, scenario: Op[][], first: readonly number[], shards?: number): TraceFile {
  const b: Bounds = { depth: scenario.flat().length, goroutines: scenario.length, keys: SMALL.hashes.length };
  const next = scenario.map(() => 0);
  const edges: Edge[] = [];
  let node = initialNode(target, SMALL, b);
  const take = (g: number): void => {
    const op = target.idle(node.s, g) ? scenario[g]![next[g]!++] ?? null : null;
    if (op === null && (target.idle(node.s, g) || !target.enabled(node.s, g))) throw new Error(`G${g} cannot step here`);
    const edge = { g, op };
    node = applyEdge(target, b, node, edge).node;
    edges.push(edge);
  };
  for (const g of first) take(g);
  let g = edges.at(-1)?.g ?? 0;
  for (let guard = 0; !isEnd(target, b, node) || next.some((n, i) => n < scenario[i]!.length); guard++) {
    if (guard > 10_000) throw new Error('the execution does not end');
    g = (g + 1) % scenario.length;
    const idle = target.idle(node.s, g);
    if (idle ? next[g]! >= scenario[g]!.length : !target.enabled(node.s, g)) continue;
    take(g);
  }
  let switches = 0;
  for (let i = 1; i < edges.length; i++) if (edges[i]!.g !== edges[i - 1]!.g) switches++;
  const path = { outcome: outcomeOf(node), edges, ops: node.ops, switches, steps: edges.length };
  return witnessTrace(target, SMALL, b, path, undefined, shards).trace;
}

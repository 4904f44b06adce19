import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import type { Op } from '../../spec/types.js';
import { contextBound } from '../explore/bound.js';
import { applyEdge, type Bounds, initialNode, isEnd, outcomeOf } from '../explore/node.js';
import type { WitnessPath } from '../explore/witness.js';
import { emptyParts, recordStep } from '../replay/recorder.js';
import type { ExecutionView, TraceFile } from '../trace/types.js';

/**
 * Turns a witness (the search's scheduler choices) into the replayable artifact and the view the
 * diagram is drawn from. The edges are run again through applyEdge, the one definition of what a
 * step does, so the trace's labels are the ones a replay will check against.
 */
export function witnessTrace<S>(
  target: Target<S>, cfg: MapConfig, b: Bounds, path: WitnessPath, mutant?: string, shards?: number,
): { trace: TraceFile; view: ExecutionView } {
  const scenario: Op[][] = Array.from({ length: b.goroutines }, () => []);
  const parts = emptyParts();
  let node = initialNode(target, cfg, b);
  for (const edge of path.edges) {
    if (edge.op) scenario[edge.g]!.push(edge.op);
    const next = applyEdge(target, b, node, edge);
    recordStep(parts, node, next.node, next.info);
    node = next.node;
  }
  // The search judged this path already; a different verdict now means the spec is not a function.
  if (!isEnd(target, b, node) || outcomeOf(node) !== path.outcome) {
    const got = isEnd(target, b, node) ? outcomeOf(node) : 'an unfinished execution';
    throw new Error(`the spec is not deterministic here: the ${path.outcome} witness replays to ${got}`);
  }
  const trace: TraceFile = {
    format: 'gomapcheck-trace',
    version: 1,
    specVersion: target.specVersion,
    target: target.name,
    ...(mutant === undefined ? {} : { mutant }),
    ...(shards === undefined ? {} : { shards }),
    // A witness is the smallest within the search's bounds only: the file says which.
    search: { depth: b.depth, keys: b.keys, ...contextBound(b) },
    config: cfg,
    scenario,
    schedule: path.edges.map((e, i) => ({ g: e.g, label: parts.steps[i]!.label })),
    outcome: path.outcome,
    ops: path.ops,
    switches: path.switches,
    steps: path.steps,
  };
  return { trace, view: { trace, ...parts } };
}

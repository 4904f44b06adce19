import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { applyEdge, type Bounds, type Edge, initialNode, isEnd, type Node } from '../explore/node.js';
import { type StepRow, StepTable } from './step-catalogue.js';

/**
 * Every step a target takes in its executions within small bounds, by label: what each was seen
 * to read and write and how. A plain walk of the state graph (states met before are not walked
 * again), for the step tables of the docs; any target works, since it only uses applyEdge.
 */
export function observeTarget<S>(target: Target<S>, cfg: MapConfig, b: Bounds, key: (n: Node<S>) => string): Map<string, StepRow> {
  const seen = new Set<string>();
  const table = new StepTable();
  const stack = [initialNode(target, cfg, b)];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const k = key(n);
    if (seen.has(k)) continue;
    seen.add(k);
    if (n.crash || (isEnd(target, b, n) && n.ops >= b.depth)) continue;
    for (let g = 0; g < b.goroutines; g++) {
      const edges: Edge[] = target.idle(n.s, g)
        ? (n.ops < b.depth ? target.alphabet(b.keys, n.ops + 1).map((op) => ({ g, op })) : [])
        : target.enabled(n.s, g) ? [{ g, op: null }] : [];
      for (const edge of edges) {
        const r = applyEdge(target, b, n, edge);
        table.record(r.info);
        stack.push(r.node);
      }
    }
  }
  return table.result();
}

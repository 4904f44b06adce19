import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import type { StepInfo } from '../../spec/types.js';
import { applyEdge, type Bounds, type Edge, initialNode, isEnd, type Node } from '../explore/node.js';
import { locationClass, type StepRow } from './step-catalogue.js';

/**
 * Every step a target takes in its executions within small bounds, by label: what each was seen
 * to read and write and how. A plain walk of the state graph (states met before are not walked
 * again), for the step tables of the docs; any target works, since it only uses applyEdge.
 */
export function observeTarget<S>(target: Target<S>, cfg: MapConfig, b: Bounds, key: (n: Node<S>) => string): Map<string, StepRow & { order: number }> {
  const seen = new Set<string>();
  const rows = new Map<string, { reads: Set<string>; writes: Set<string>; access: Set<string>; goLine: string; order: number }>();
  const record = (info: StepInfo): void => {
    const row = rows.get(info.label) ?? { reads: new Set(), writes: new Set(), access: new Set(), goLine: info.goLine, order: rows.size };
    info.reads.forEach((r) => row.reads.add(locationClass(r)));
    info.writes.forEach((w) => row.writes.add(locationClass(w)));
    row.access.add(info.access);
    rows.set(info.label, row);
  };
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
        record(r.info);
        stack.push(r.node);
      }
    }
  }
  const list = (s: Set<string>): string => [...s].sort().join(', ') || '—';
  return new Map([...rows].map(([label, r]) => [label, { label, goLine: r.goLine, reads: list(r.reads), writes: list(r.writes), access: [...r.access].sort().join(', '), order: r.order }]));
}

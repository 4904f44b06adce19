/**
 * The spec's side of the comparison with real Go (`npm run vs-go`): every outcome class the plain
 * map's spec reaches when goroutine 0 runs one operation and goroutine 1 another, at the same
 * time, on a map that first holds `prefill` keys (put there by goroutine 0, one after another,
 * before either starts). Every interleaving of their steps is explored. By default under the
 * configuration `go` (Go's own bucket size, load factor and initial size), as the real program runs.
 */
import { CONFIGS, type MapConfig } from '../../spec/config.js';
import { hmapTarget } from '../../spec/hmap/target.js';
import type { Target } from '../../spec/target.js';
import type { Op, OutcomeClass } from '../../spec/types.js';
import { ALL_REDUCTIONS, applyEdge, type Bounds, type Edge, initialNode, type Node, nodeKey, outcomeOf } from '../explore/node.js';

/** The operations the comparison pairs, by the names the Go harness takes (checker/vsgo/harness/main.go). */
export const PAIR_OPS = ['assign', 'access', 'delete', 'range', 'clear', 'len'] as const;
export type PairOp = (typeof PAIR_OPS)[number];

/** One run of the comparison: the two goroutines' operations and how many keys the map holds first. */
export interface PairCase {
  ops: readonly [PairOp, PairOp];
  prefill: number;
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
  return classesOf(hmapTarget(cfg), cfg, c);
}

function classesOf<S>(target: Target<S>, cfg: MapConfig, c: PairCase): OutcomeClass[] {
  const b: Bounds = { depth: c.prefill + 2, goroutines: 2, keys: Math.max(1, c.prefill) };
  const keyOf = (n: Node<S>, started: number): string => `${nodeKey(target, b, n, { ...ALL_REDUCTIONS, symmetry: false, keySymmetry: false })}#${started}`;
  let root = initialNode(target, cfg, b);
  for (let k = 0; k < c.prefill; k++) root = runAlone(target, b, root, { kind: 'assign', key: k, value: k + 1 });
  const ops = [opOf(c.ops[0], 0, c.prefill), opOf(c.ops[1], 1, c.prefill)];
  const classes = new Set<OutcomeClass>();
  const seen = new Set<string>();
  // `started`: a bit per goroutine that has begun its operation, so neither starts a second.
  const stack: Array<{ node: Node<S>; started: number }> = [{ node: root, started: 0 }];
  while (stack.length > 0) {
    const { node, started } = stack.pop()!;
    const key = keyOf(node, started);
    if (seen.has(key)) continue;
    seen.add(key);
    const edges: Edge[] = [];
    if (!node.crash) {
      for (let g = 0; g < 2; g++) {
        if (!target.idle(node.s, g)) {
          if (target.enabled(node.s, g)) edges.push({ g, op: null });
        } else if (!(started & (1 << g))) {
          edges.push({ g, op: ops[g]! });
        }
      }
    }
    if (edges.length === 0) {
      classes.add(outcomeOf(node));
      continue;
    }
    for (const e of edges) stack.push({ node: applyEdge(target, b, node, e, false).node, started: started | (e.op ? 1 << e.g : 0) });
  }
  return [...classes].sort();
}

/** Goroutine 0 runs `op` from start to end with nobody else about: the map's setup. */
function runAlone<S>(target: Target<S>, b: Bounds, n: Node<S>, op: Op): Node<S> {
  let node = applyEdge(target, b, n, { g: 0, op }, false).node;
  while (!target.idle(node.s, 0) && !node.crash) node = applyEdge(target, b, node, { g: 0, op: null }, false).node;
  if (node.crash || node.broken) throw new Error(`the spec crashed or broke while goroutine 0 filled the map alone (${outcomeOf(node)})`);
  return node;
}

import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { type Bounds, initialNode, isEnd, type Node, nodeKey, successors } from './node.js';

/**
 * How many executions a naive enumeration would run: every path from the initial state to a
 * point where an execution may end (each is one interleaving of one scenario), with no state
 * caching and no reduction. Counted, not enumerated: the number of paths from a state depends
 * only on the state and the operations it may still start, and is the same for states that are
 * equal up to renaming goroutines or values, so it is memoised on the reduced key plus that budget.
 * The figure the benchmark sets beside the explorer's.
 */
export function countInterleavings<S>(target: Target<S>, cfg: MapConfig, b: Bounds): bigint {
  const memo = new Map<string, bigint>();
  const keyOf = (n: Node<S>): string => `${nodeKey(target, b, n)}/${b.depth - n.ops}`;
  // Iterative post-order: executions are thousands of steps deep, too deep for recursion.
  const root = initialNode(target, cfg, b);
  const stack: Array<{ node: Node<S>; key: string; children?: Array<Node<S>> }> = [{ node: root, key: keyOf(root) }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (memo.has(top.key)) {
      stack.pop();
      continue;
    }
    if (!top.children) {
      top.children = successors(target, b, top.node).map((x) => x.node);
      for (const child of top.children) {
        const key = keyOf(child);
        if (!memo.has(key)) stack.push({ node: child, key });
      }
      continue;
    }
    let paths = isEnd(target, b, top.node) ? 1n : 0n;
    for (const child of top.children) paths += memo.get(keyOf(child))!;
    memo.set(top.key, paths);
    stack.pop();
  }
  return memo.get(keyOf(root))!;
}

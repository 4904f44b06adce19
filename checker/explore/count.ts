import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { compactKey } from './fingerprints.js';
import { type Bounds, initialNode, isEnd, type Node, nodeKey, successors } from './node.js';

/**
 * How many executions a naive enumeration would run: every path from the initial state to a
 * point where an execution may end (each is one interleaving of one scenario), with no state
 * caching and no reduction. Counted, not enumerated: the number of paths from a state depends
 * only on the state and the operations it may still start, and is the same for states that are
 * equal up to renaming goroutines or values, so it is memoised on the reduced key plus that budget.
 * Under a context bound (Bounds.preemptions) the paths are those the bound allows, as the
 * bounded search's own. The figure the benchmark sets beside the explorer's.
 *
 * Two economies, neither of which changes the figure:
 * - A state with one successor has as many paths as that successor (plus one if an execution
 *   may end there), so runs of such states are walked, not memoised: only the states where the
 *   schedule branches are keyed, as the explorer keys only those (`settle` in node.ts).
 * - The memo holds each key's 96-bit fingerprint (six UTF-16 units), not the key: the same hash
 *   compaction as the visited set, and the same odds of two keys sharing one (below 10^-11 for a
 *   billion).
 * Measured (hmap, config small, 2 goroutines): depth 6 with 2 keys under one preemption 56.3 s
 * and 1.3 GiB before, 11.2 s and 271 MiB after; depth 3 with one key 25.1 s and 519 MiB before,
 * 18.1 s and 226 MiB after (peak RSS of the whole process, search included).
 */
export function countInterleavings<S>(target: Target<S>, cfg: MapConfig, b: Bounds): bigint {
  const memo = new Map<string, bigint>();
  const keyOf = (n: Node<S>): string => compactKey(`${nodeKey(target, b, n)}/${b.depth - n.ops}`);
  const frameOf = (n: Node<S>): Frame<S> => {
    const { node, endsOnTheWay } = branchOf(target, b, n);
    return { node, endsOnTheWay, key: keyOf(node), paths: 0n, done: 0 };
  };
  const root = frameOf(initialNode(target, cfg, b));
  // Iterative depth-first, one child at a time: executions are thousands of steps deep, too deep
  // for recursion. A frame holds its successors as they are (sharing most of their memory with
  // it) and only the one child it waits for walked to its branch: holding every child walked
  // took 2 GiB at depth 3 with one key.
  const stack = [root];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (!top.next) {
      if (memo.has(top.key)) {
        stack.pop();
        continue;
      }
      top.next = successors(target, b, top.node).map((s) => s.node);
      top.paths = isEnd(target, b, top.node) ? 1n : 0n;
    }
    if (top.waitingFor) {
      top.paths += BigInt(top.waitingFor.endsOnTheWay) + memo.get(top.waitingFor.key)!;
      top.waitingFor = undefined;
      top.done++;
      continue;
    }
    if (top.done === top.next.length) {
      memo.set(top.key, top.paths);
      stack.pop();
      continue;
    }
    const child = frameOf(top.next[top.done]!);
    const known = memo.get(child.key);
    if (known === undefined) {
      top.waitingFor = child;
      stack.push(child);
    } else {
      top.paths += BigInt(child.endsOnTheWay) + known;
      top.done++;
    }
  }
  return BigInt(root.endsOnTheWay) + memo.get(root.key)!;
}

/** A state where the schedule branches (or ends), reached through a run of single choices. */
interface Branch<S> {
  node: Node<S>;
  /** States on the run before it where an execution may end. */
  endsOnTheWay: number;
}

interface Frame<S> extends Branch<S> {
  key: string;
  /** The branch state's successors, once it is expanded. */
  next?: Array<Node<S>>;
  /** Successors counted so far, and the paths they and the state itself account for. */
  done: number;
  paths: bigint;
  /** The child being counted on the stack above. */
  waitingFor?: Frame<S>;
}

/** Longest run of single choices walked before the count gives up: such a run would be a loop. */
const RUN_LIMIT = 1_000_000;

/** Follows n through states with exactly one successor to the first with none or several. */
function branchOf<S>(target: Target<S>, b: Bounds, n: Node<S>): Branch<S> {
  let endsOnTheWay = 0;
  for (let steps = 0; ; steps++) {
    const next = successors(target, b, n);
    if (next.length !== 1) return { node: n, endsOnTheWay };
    if (steps >= RUN_LIMIT) throw new Error(`countInterleavings: a run of ${RUN_LIMIT} single choices; the state graph has a loop`);
    if (isEnd(target, b, n)) endsOnTheWay++;
    n = next[0]!.node;
  }
}

import { describe, expect, it } from 'vitest';
import { scenarioCount } from '../../../checker/explore/alphabet.js';
import { countInterleavings } from '../../../checker/explore/count.js';
import { type Bounds, initialNode, isEnd, successors } from '../../../checker/explore/node.js';
import { SMALL } from '../../../spec/config.js';
import { hmapTarget } from '../../../spec/hmap/target.js';

const target = hmapTarget(SMALL);

/** The naive enumeration itself: walks the tree of every schedule and counts where executions end. */
function enumerate(b: Bounds): number {
  let ends = 0;
  const stack = [initialNode(target, SMALL, b)];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isEnd(target, b, n)) ends++;
    for (const s of successors(target, b, n)) stack.push(s.node);
  }
  return ends;
}

describe('countInterleavings', () => {
  it.each([
    { depth: 1, goroutines: 2, keys: 2 },
    { depth: 1, goroutines: 3, keys: 1 },
    { depth: 2, goroutines: 1, keys: 2 },
  ])('equals the tree walk for depth $depth, $goroutines goroutines, $keys keys', (b) => {
    expect(countInterleavings(target, SMALL, b)).toBe(BigInt(enumerate(b)));
  });

  // Under a context bound it counts the schedules the bounded search may take, no more.
  it.each([
    { depth: 2, goroutines: 2, keys: 2, preemptions: 1 },
    { depth: 3, goroutines: 2, keys: 1, preemptions: 1 },
    { depth: 2, goroutines: 2, keys: 1, preemptions: 0 },
  ])('equals the tree walk for depth $depth, $goroutines goroutines, $keys keys, at most $preemptions preemptions', (b) => {
    expect(countInterleavings(target, SMALL, b)).toBe(BigInt(enumerate(b)));
  });

  // A composite bound's schedules are those of at most fullOps operations plus those within the
  // preemption bound, the ones that are both counted once. The clamped preemption count of its
  // states (node.ts, applyEdge) must not lose or add any.
  it.each([
    { depth: 3, goroutines: 2, keys: 1, preemptions: 0, fullOps: 2 },
    { depth: 3, goroutines: 2, keys: 1, preemptions: 1, fullOps: 2 },
  ])('counts either bound\'s schedules once under --preemptions $preemptions --full-ops $fullOps at depth $depth', (b) => {
    const { fullOps, ...plain } = b;
    const short = { ...plain, depth: fullOps };
    const { preemptions: _p, ...shortFull } = short;
    const expected = countInterleavings(target, SMALL, plain) + countInterleavings(target, SMALL, shortFull) - countInterleavings(target, SMALL, short);
    expect(countInterleavings(target, SMALL, b)).toBe(expected);
    expect(countInterleavings(target, SMALL, b)).toBeGreaterThan(countInterleavings(target, SMALL, plain));
  });

  it('is one execution per scenario when there is one goroutine', () => {
    const b = { depth: 3, goroutines: 1, keys: 2 };
    expect(countInterleavings(target, SMALL, b)).toBe(BigInt(scenarioCount(3, 1, target.alphabet(2, 1).length)));
  });

  it('counts far more interleavings than the explorer visits states once goroutines overlap', () => {
    const n = countInterleavings(target, SMALL, { depth: 2, goroutines: 2, keys: 1 });
    // A capped walk of this tree passed 25 million executions before it was stopped.
    expect(n).toBeGreaterThan(25_000_000n);
  });
});

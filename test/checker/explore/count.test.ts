import { describe, expect, it } from 'vitest';
import { scenarioCount } from '../../../checker/explore/alphabet.js';
import { countInterleavings } from '../../../checker/explore/count.js';
import type { BoundTier } from '../../../checker/explore/bound.js';
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

  // A graded bound's schedules are those within the preemption bound plus those within the
  // tier's, the ones within both counted once (a tier of at most `ops` operations with `p`, or
  // any number of, preemptions). The capped preemption count of its states (bound.ts,
  // preemptionCap) must not lose or add any.
  it.each<Bounds & { preemptions: number; tiers: [BoundTier] }>([
    { depth: 3, goroutines: 2, keys: 1, preemptions: 0, tiers: [{ ops: 2 }] },
    { depth: 3, goroutines: 2, keys: 1, preemptions: 1, tiers: [{ ops: 2 }] },
    { depth: 3, goroutines: 2, keys: 1, preemptions: 0, tiers: [{ ops: 2, preemptions: 1 }] },
  ])('counts either grade\'s schedules once under --preemptions $preemptions with tiers $tiers at depth $depth', (b) => {
    const { tiers: [tier], ...plain } = b;
    const { preemptions: _p, ...unbounded } = plain;
    const short: Bounds = { ...unbounded, depth: tier.ops, ...(tier.preemptions === undefined ? {} : { preemptions: tier.preemptions }) };
    const both = { ...plain, depth: tier.ops };
    const expected = countInterleavings(target, SMALL, plain) + countInterleavings(target, SMALL, short) - countInterleavings(target, SMALL, both);
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

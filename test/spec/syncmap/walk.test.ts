/**
 * Random concurrent executions, past the explorer's exhaustive bounds (3 goroutines, 3 keys, up
 * to 10 operations), driven through the explorer's own applyEdge so they are judged as the search
 * judges them: every one ends ok, no step writes into the state it was given, and every step
 * carries the label nextLabel announced. Range is left out: its rule is the monitor's business.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdge, type Bounds, type Edge, initialNode, isEnd, type Node, outcomeOf } from '../../../checker/explore/node.js';
import { ValueNamer } from '../../../spec/canon.js';
import { SMALL } from '../../../spec/config.js';
import type { SyncMapState } from '../../../spec/syncmap/state.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import { deepFreeze } from '../run.js';
import { withoutRange } from './helpers.js';

const t = withoutRange(syncmapTarget(SMALL));
const B: Bounds = { depth: 10, goroutines: 3, keys: 3 };

/** The scheduler's choices at a node: each enabled busy goroutine's step, or an idle one's start. */
function choices(n: Node<SyncMapState>): Edge[] {
  const out: Edge[] = [];
  for (let g = 0; g < B.goroutines; g++) {
    if (!t.idle(n.s, g)) {
      if (t.enabled(n.s, g)) out.push({ g, op: null });
    } else if (n.ops < B.depth) {
      for (const op of t.alphabet(B.keys, n.ops + 1)) out.push({ g, op });
    }
  }
  return out;
}

describe('random concurrent executions', () => {
  it('end ok, never mutate a state, and label each step as announced (300 runs)', () => {
    let finished = 0;
    let overlapped = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 400, maxLength: 400 }), (picks) => {
        let n = initialNode(t, SMALL, B);
        for (const pick of picks) {
          if (isEnd(t, B, n) && n.ops >= B.depth) break;
          const edges = choices(n);
          expect(edges.length, 'some goroutine can move (no deadlock)').toBeGreaterThan(0);
          const edge = edges[pick % edges.length]!;
          deepFreeze(n.s);
          const from = edge.op ? t.start(n.s, edge.g, edge.op, n.ops) : n.s;
          const announced = t.nextLabel(from, edge.g);
          const r = applyEdge(t, B, n, edge);
          expect(r.info.label).toBe(announced);
          n = r.node;
          t.encode(n.s, new ValueNamer(), [0, 1, 2]);
        }
        expect(outcomeOf(n)).toBe('ok');
        if (isEnd(t, B, n)) finished++;
        if (n.overlap) overlapped++;
      }),
      { numRuns: 300 },
    );
    // Most runs should get through all their operations, and nearly all should overlap some.
    expect(finished).toBeGreaterThan(150);
    expect(overlapped).toBeGreaterThan(250);
  });
});

/**
 * A step taken without its texts for people (applyEdge's `detail` false, as the search takes
 * them) must be the same step: the same next node and the same info, apart from op, goLine
 * and detail, which it leaves empty. Checked along random interleavings, racy ones and crashes
 * included, of every target.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdge, type Bounds, initialNode, isEnd, successors } from '../../../checker/explore/node.js';
import { makeTarget } from '../../../checker/run/targets.js';
import { SMALL } from '../../../spec/config.js';
import type { Target } from '../../../spec/target.js';

const b: Bounds = { depth: 4, goroutines: 2, keys: 2 };

describe.each(['hmap', 'mutex-map', 'rwmutex-map', 'sharded-map', 'syncmap'])('%s stepped without detail', (name) => {
  const target = makeTarget(name, SMALL)! as Target<unknown>;

  it('reaches the same node with the same info, its texts left empty', () => {
    let lean = 0;
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 400 }), (choices) => {
      let n = initialNode(target, SMALL, b);
      for (const c of choices) {
        if (isEnd(target, b, n)) break;
        const next = successors(target, b, n);
        if (next.length === 0) break;
        const { edge } = next[c % next.length]!;
        const full = applyEdge(target, b, n, edge, true);
        const bare = applyEdge(target, b, n, edge, false);
        expect(bare.node).toEqual(full.node);
        const { op, goLine, detail, ...rest } = bare.info;
        const { op: fullOp, goLine: fullLine, detail: fullDetail, ...fullRest } = full.info;
        expect(rest).toEqual(fullRest);
        expect(fullOp).not.toBe('');
        expect(fullLine).toMatch(/\.go:\d+$/);
        expect([op, goLine, detail]).toEqual(['', '', '']);
        expect(fullDetail).not.toBe('');
        lean++;
        n = full.node;
      }
    }), { numRuns: 60, seed: 6 });
    expect(lean).toBeGreaterThan(100);
  });
});

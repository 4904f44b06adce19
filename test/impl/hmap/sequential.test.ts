/**
 * The implementation used by one thread is a Go map: every result is the sequential model's,
 * len(m) is the number of live keys, no Go error is thrown, and the memory satisfies every
 * structural invariant of the spec between operations. Run in free mode (no scheduling).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SharedGoMap } from '../../../impl/hmap/index.js';
import { HASH_GROW, NEW_OVERFLOW } from '../../../impl/hmap/labels.js';
import { imageToHmap } from '../../../checker/conformance/image.js';
import { brokenInvariant } from '../../../spec/hmap/invariants.js';
import { describeOp } from '../../../spec/describe.js';
import { modelInit, modelStep, resultsMatch } from '../../../spec/model.js';
import { programArb } from '../../spec/run.js';
import { CASES } from '../configs.js';

/**
 * Programs per config. A same-size grow needs long churn on colliding keys: 60 random programs
 * missed it about once in seven runs of this file, 300 miss it about once in 15,000.
 */
const RUNS: Record<string, number> = { collide: 300 };

describe('SharedGoMap, sequentially', () => {
  const reached = new Map<string, { grew: number; overflow: number; sameSize: number }>();

  it.each(CASES)('agrees with the sequential model under $cfg.name', ({ cfg, mix, maxLength }) => {
    const seen = { grew: 0, overflow: 0, sameSize: 0 };
    reached.set(cfg.name, seen);
    fc.assert(fc.property(programArb(cfg.hashes.length, { maxLength, mix }), (ops) => {
      // Which code paths the program reached, seen through the scheduling points.
      let grew = false;
      let overflow = false;
      let same = false;
      const m = SharedGoMap.create(cfg, {
        hook: (label) => {
          grew ||= label === HASH_GROW.storeNew;
          overflow ||= label === NEW_OVERFLOW.link;
          same ||= label === HASH_GROW.sameStore;
        },
      });
      let model = modelInit(cfg.hashes.length);
      for (const [i, op] of ops.entries()) {
        const where = `op ${i} (${describeOp(op)})`;
        const got = m.run(op);
        const want = modelStep(model, op);
        model = want.state;
        expect(resultsMatch(want.result, got), `${where}: ${JSON.stringify(got)} vs ${JSON.stringify(want.result)}`).toBe(true);
        expect(m.len(), `${where}: len`).toBe(model.filter((v) => v !== 0).length);
        const h = imageToHmap(m.inspect());
        expect(brokenInvariant(h, cfg), where).toBeUndefined();
      }
      seen.grew += grew ? 1 : 0;
      seen.overflow += overflow ? 1 : 0;
      seen.sameSize += same ? 1 : 0;
    }), { numRuns: RUNS[cfg.name] ?? 60 });
  });

  afterAll(() => {
    // The properties mean little unless the programs reached growth and overflow chains.
    for (const name of ['small', 'small-many', 'go-many']) expect(reached.get(name)?.grew, `${name} grew`).toBeGreaterThan(0);
    for (const name of ['small', 'small-many', 'collide']) expect(reached.get(name)?.overflow, `${name} overflowed`).toBeGreaterThan(0);
    expect(reached.get('collide')?.sameSize, 'collide reached a same-size grow').toBeGreaterThan(0);
  });
});

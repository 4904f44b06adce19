/**
 * The scheduling points are the spec's steps: for every operation of a sequential program, the
 * labels the implementation's hook sees are exactly the labels of the steps the spec takes for the
 * same operation from the same state, in the same order. The results, and the whole memory after
 * each operation (bucket ids included), are the spec's too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { HMAP_LABELS, SharedGoMap } from '../../../impl/hmap/index.js';
import { imageToHmap } from '../../../checker/conformance/image.js';
import { describeOp } from '../../../spec/describe.js';
import { HMAP_FUNCTIONS } from '../../../spec/hmap/functions.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import { resultsMatch } from '../../../spec/model.js';
import { programArb, runOp } from '../../spec/run.js';
import { CASES } from '../configs.js';

/** Every step label the spec's function tables can produce. */
function specLabels(): Set<string> {
  const out = new Set<string>();
  for (const fn of Object.values(HMAP_FUNCTIONS)) {
    for (const p of Object.values(fn.points)) if (!p.silent) out.add(`${p.fn ?? fn.name}: ${p.text}`);
  }
  return out;
}

describe('scheduling points', () => {
  it('use exactly the labels of the spec', () => {
    expect(new Set(HMAP_LABELS)).toEqual(specLabels());
    expect(new Set(HMAP_LABELS).size).toBe(HMAP_LABELS.length);
  });

  it.each(CASES)('are the spec steps of each operation under $cfg.name', ({ cfg, mix, maxLength }) => {
    const t = hmapTarget(cfg);
    fc.assert(fc.property(programArb(cfg.hashes.length, { maxLength, mix }), (ops) => {
      let seen: string[] = [];
      const m = SharedGoMap.create(cfg, { hook: (label) => seen.push(label) });
      let s = t.init(cfg, 1);
      for (const [i, op] of ops.entries()) {
        const where = `op ${i} (${describeOp(op)})`;
        seen = [];
        const got = m.run(op);
        const spec = runOp(t, s, 0, op, i);
        s = spec.state;
        expect(seen, where).toEqual(spec.steps.map((x) => x.label));
        expect(spec.result && resultsMatch(spec.result, got), where).toBe(true);
        // Cheap first, then the full comparison only when it fails, for a readable diff.
        if (!isDeepStrictEqual(imageToHmap(m.inspect()), s.h)) expect(imageToHmap(m.inspect()), where).toEqual(s.h);
      }
    }), { numRuns: 40 });
  });
});

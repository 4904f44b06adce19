/**
 * The scheduling points are the spec's steps: for every operation of a one-goroutine program,
 * the labels the hook sees are exactly those of the steps spec/syncmap takes for the same
 * operation from the same state, in the same order; the results are the spec's; and after each
 * operation the whole state (read, dirty, which entries they share, each e.p, misses, mu) is
 * the spec's too.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SharedSyncMap, SYNCMAP_LABELS } from '../../../impl/syncmap/index.js';
import { SMALL } from '../../../spec/config.js';
import { describeOp } from '../../../spec/describe.js';
import { SYNCMAP_FUNCTIONS } from '../../../spec/syncmap/functions.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import { runOp } from '../../spec/run.js';
import { syncProgramArb } from '../../spec/syncmap/helpers.js';
import { specImage } from './helpers.js';

/** Every step label the spec's function table can produce. */
function specLabels(): Set<string> {
  const out = new Set<string>();
  for (const fn of Object.values(SYNCMAP_FUNCTIONS)) {
    for (const p of Object.values(fn.points)) if (!p.silent) out.add(`${fn.name}: ${p.text}`);
  }
  return out;
}

describe('scheduling points', () => {
  it('use exactly the labels of the spec', () => {
    expect(new Set(SYNCMAP_LABELS)).toEqual(specLabels());
    expect(new Set(SYNCMAP_LABELS).size).toBe(SYNCMAP_LABELS.length);
  });

  it('are the spec steps of each operation, and leave the spec state (150 programs of up to 50 operations)', () => {
    const t = syncmapTarget(SMALL);
    let promoted = 0;
    fc.assert(fc.property(syncProgramArb(3), (ops) => {
      let seen: string[] = [];
      const m = SharedSyncMap.create(SMALL, { arenaWords: 1 << 14, hook: (label) => seen.push(label) });
      let s = t.init(SMALL, 1);
      for (const [i, op] of ops.entries()) {
        const where = `op ${i} (${describeOp(op, 'syncmap')})`;
        seen = [];
        const got = m.run(op);
        const spec = runOp(t, s, 0, op, i);
        s = spec.state;
        expect(spec.crash, where).toBeUndefined();
        expect(seen, where).toEqual(spec.steps.map((x) => x.label));
        expect(got, where).toEqual(spec.result);
        // Cheap first, then the full comparison only when it fails, for a readable diff.
        if (!isDeepStrictEqual(m.inspect(), specImage(s.mem))) expect(m.inspect(), where).toEqual(specImage(s.mem));
        if (seen.some((l) => l.startsWith('missLocked'))) promoted++;
      }
    }), { numRuns: 150 });
    // The comparison is only as strong as the paths it went through.
    expect(promoted).toBeGreaterThan(50);
  });
});

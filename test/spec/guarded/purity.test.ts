/**
 * Purity and the small contracts of Target beyond the results: start and step never mutate their
 * input, nextLabel names the step that runs next, and encode is canonical (goroutines and values
 * renamed alike encode alike, different lock states do not).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValueNamer } from '../../../spec/canon.js';
import { SMALL } from '../../../spec/config.js';
import type { GuardedState } from '../../../spec/guarded/state.js';
import type { Op } from '../../../spec/types.js';
import { deepFreeze, programArb } from '../run.js';
import { begin } from './drive.js';
import { TARGETS } from './targets.js';

type S = GuardedState<unknown>;

describe.each(TARGETS)('$name', (tc) => {
  const t = tc.make(SMALL);

  it('start and step leave their input as it was, and nextLabel names the step taken (random 2-goroutine schedules)', () => {
    const scenario = fc.tuple(programArb(4, { maxLength: 5 }), programArb(4, { maxLength: 5 }));
    const schedule = fc.array(fc.nat({ max: 1 }), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(scenario, schedule, (programs, picks) => {
        let s: S = t.init(SMALL, 2);
        const next = [0, 0];
        for (const pick of picks) {
          // The picked goroutine if it can move, else the other one; stop when neither can.
          const g = [pick, 1 - pick].find((h) => (t.idle(s, h) ? next[h]! < programs[h]!.length : t.enabled(s, h)));
          if (g === undefined) break;
          if (t.idle(s, g)) {
            const op: Op = programs[g]![next[g]!]!;
            const prev = s;
            const before = structuredClone(prev);
            s = t.start(deepFreeze(prev), g, op, next[g]!++);
            expect(prev).toEqual(before);
          }
          const label = t.nextLabel(s, g);
          const copy = structuredClone(s);
          const r = t.step(deepFreeze(s), g);
          expect(s).toEqual(copy);
          expect(r.info.label).toBe(label);
          expect(r.crash).toBeUndefined();
          s = r.state;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('encode: the same state with goroutines swapped, or other values, encodes alike', () => {
    const a = begin(t, t.init(SMALL, 2), 0, { kind: 'assign', key: 0, value: 5 });
    const b = begin(t, t.init(SMALL, 2), 1, { kind: 'assign', key: 0, value: 9 });
    expect(t.encode(a, new ValueNamer(), [0, 1])).toBe(t.encode(b, new ValueNamer(), [1, 0]));
    expect(t.encode(a, new ValueNamer(), [0, 1])).not.toBe(t.encode(b, new ValueNamer(), [0, 1]));
  });

  it('encode tells a held lock from a free one', () => {
    const idle = t.init(SMALL, 1);
    const holding = begin(t, idle, 0, { kind: 'assign', key: 0, value: 1 });
    expect(t.encode(holding, new ValueNamer(), [0])).not.toBe(t.encode(idle, new ValueNamer(), [0]));
  });
});

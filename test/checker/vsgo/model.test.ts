import { describe, expect, it } from 'vitest';
import { modelClasses, PAIR_OPS, type PairOp } from '../../../checker/vsgo/model.js';
import { allCases } from '../../../checker/vsgo/table.js';

const WRITERS: readonly PairOp[] = ['assign', 'delete', 'clear'];

describe('the spec side of the comparison with real Go', () => {
  it('reaches each of the three fatal errors for the pair Go names it after', () => {
    expect(modelClasses({ ops: ['assign', 'assign'], prefill: 0 })).toContain('fatal: concurrent map writes');
    expect(modelClasses({ ops: ['assign', 'access'], prefill: 0 })).toContain('fatal: concurrent map read and map write');
    expect(modelClasses({ ops: ['assign', 'range'], prefill: 0 })).toContain('fatal: concurrent map iteration and map write');
  });

  it('never stops len(m) beside a writer: len reads count and checks no flag', () => {
    for (const prefill of [0, 2]) expect(modelClasses({ ops: ['assign', 'len'], prefill })).toEqual(['ok']);
  });

  it('lets a read and a delete on an empty map both return before they look at the flag', () => {
    expect(modelClasses({ ops: ['access', 'delete'], prefill: 0 })).toEqual(['ok']);
    expect(modelClasses({ ops: ['access', 'delete'], prefill: 2 })).toContain('fatal: concurrent map read and map write');
  });

  it('reaches no crash, and nothing but ok, for any pair without a writer', () => {
    const readers = PAIR_OPS.filter((op) => !WRITERS.includes(op));
    for (const c of allCases().filter((x) => readers.includes(x.ops[0]) && readers.includes(x.ops[1]))) {
      expect(modelClasses(c), `${c.ops.join(' ∥ ')} with ${c.prefill} keys`).toEqual(['ok']);
    }
  });
});

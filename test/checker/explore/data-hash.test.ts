import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataFingerprint } from '../../../checker/explore/data-hash.js';

/** A copy with no object in common with the original. */
const copy = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

describe('dataFingerprint', () => {
  it('is the same for data JSON writes alike, whatever objects hold it', () => {
    fc.assert(fc.property(fc.jsonValue(), (x) => {
      expect(dataFingerprint(copy(x))).toBe(dataFingerprint(x));
    }), { numRuns: 500 });
  });

  it('differs for data JSON writes differently', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      fc.pre(JSON.stringify(a) !== JSON.stringify(b));
      expect(dataFingerprint(a)).not.toBe(dataFingerprint(b));
    }), { numRuns: 500 });
  });

  it('tells apart values whose parts could run together', () => {
    const values: unknown[] = [
      ['ab'], ['a', 'b'], 'ab', ['a', ['b']], [['a'], 'b'],
      [1, 2], [[1], 2], [1, [2]], [[1, 2]], [12], '12', 12, 1.2, '1.2',
      {}, [], [{}], [[]], { a: [] }, { a: {} }, { a: 1, b: 2 }, { b: 2, a: 1 }, { a: [1, 2] }, { a: [1], b: 2 },
      { a: 1 }, { b: 1 }, { ab: 1 }, { a: { b: 1 } }, { a: 'b' }, ['a', 'b', 1], null, [null], true, false, 'true', 0, -1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31),
    ];
    const prints = values.map(dataFingerprint);
    expect(new Set(prints).size).toBe(values.length);
  });

  it('writes -0 as 0, as JSON does, and numbers past 32 bits by their text', () => {
    expect(dataFingerprint(-0)).toBe(dataFingerprint(0));
    expect(dataFingerprint(2 ** 40)).not.toBe(dataFingerprint(2 ** 40 + 1));
    expect(dataFingerprint(2 ** 32)).not.toBe(dataFingerprint(0));
  });

  it('takes values larger than its first buffer', () => {
    const long = 'x'.repeat(20_000);
    const wide = Array.from({ length: 10_000 }, (_, i) => ({ i, s: 'ab' }));
    expect(dataFingerprint(long)).toBe(dataFingerprint(copy(long)));
    expect(dataFingerprint(`${long}y`)).not.toBe(dataFingerprint(`${long}z`));
    expect(dataFingerprint(wide)).toBe(dataFingerprint(copy(wide)));
    const changed = copy(wide) as Array<{ i: number }>;
    changed[9_999]!.i = -1;
    expect(dataFingerprint(changed)).not.toBe(dataFingerprint(wide));
  });

  it('refuses what is not plain data, in one line', () => {
    expect(() => dataFingerprint({ f: () => 0 })).toThrow(/a function is not plain data/);
    expect(() => dataFingerprint([1n])).toThrow(/a bigint is not plain data/);
  });
});

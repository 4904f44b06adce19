import { describe, expect, it } from 'vitest';
import { formatCount, plural } from '../../../checker/report/numbers.js';

describe('formatCount', () => {
  it('groups thousands with commas, whatever the locale', () => {
    expect([0, 7, 999, 1000, 12345, 1234567, -1234, 999.6].map(formatCount)).toEqual([
      '0', '7', '999', '1,000', '12,345', '1,234,567', '-1,234', '1,000',
    ]);
  });

  it('groups bigints past 2^53 exactly', () => {
    expect(formatCount(762928890358063872310580467226490893486607175144n)).toBe('762,928,890,358,063,872,310,580,467,226,490,893,486,607,175,144');
    expect(formatCount(-1234n)).toBe('-1,234');
  });
});

describe('plural', () => {
  it('gives the count, grouped, and the noun in the number it takes', () => {
    expect([plural(1, 'preemption'), plural(2, 'preemption'), plural(0, 'key'), plural(1500, 'state'), plural(3, 'child', 'children')])
      .toEqual(['1 preemption', '2 preemptions', '0 keys', '1,500 states', '3 children']);
  });
});

import { describe, expect, it } from 'vitest';
import { FingerprintTable } from '../../../checker/explore/fingerprints.js';

describe('FingerprintTable', () => {
  it('keeps a byte and, when asked, a 32-bit value per key through growth', () => {
    const t = new FingerprintTable(2, true);
    for (let i = 0; i < 1000; i++) {
      expect(t.set(`k${i}`, i % 200)).toBe(-1);
      t.setAux(`k${i}`, i * 1000);
    }
    expect(t.size).toBe(1000);
    for (let i = 0; i < 1000; i++) {
      expect(t.get(`k${i}`)).toBe(i % 200);
      expect(t.getAux(`k${i}`)).toBe(i * 1000);
    }
    expect(t.get('absent')).toBe(-1);
    expect(t.getAux('absent')).toBe(0);
  });

  it('says when a second value is set on a key it does not hold', () => {
    expect(() => new FingerprintTable(2, true).setAux('x', 1)).toThrow(/not in the table/);
    const plain = new FingerprintTable(2);
    plain.set('x', 1);
    expect(() => plain.setAux('x', 1)).toThrow(/no second payload/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintAfter, FingerprintTable, hashPrefix } from '../../../checker/explore/fingerprints.js';
import { PARTIAL_VERSION } from '../../../checker/run/shard.js';

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

describe('fingerprint', () => {
  const text = (f: readonly number[]): string => f.join('.');

  it('is what shards of version PARTIAL_VERSION wrote: a new one needs a new version', () => {
    // Shards are dealt and merged by fingerprint (checker/run/shard.ts); one that changes makes
    // old partial reports wrong to merge, so merge must refuse them by their version.
    expect(PARTIAL_VERSION).toBe(2);
    expect(fingerprint('')).toEqual([3954623016, 3413276431, 3732115210]);
    expect(fingerprint('c0f0B0|-|-#0')).toEqual([224398474, 3605421279, 1607597461]);
  });

  it('tells apart keys that differ only in the padding of their last word, or in characters beyond ASCII', () => {
    const keys = ['', 'a', 'a\u0000', 'a\u0000\u0000', 'ab', 'abcd', 'abcd\u0000', '≥', '≤', '≥\u0000', '\u{1F600}', 'é', 'e\u0301'];
    expect(new Set(keys.map((k) => text(fingerprint(k)))).size).toBe(keys.length);
  });

  it('reads every character of a key far longer than its first buffer', () => {
    const long = 'x'.repeat(50_000);
    const a = fingerprint(`${long}a`);
    expect(fingerprint(`${long}a`)).toEqual(a);
    expect(text(fingerprint(`${long}b`))).not.toBe(text(a));
    // And a short key after it is hashed as before it.
    expect(fingerprint('c0f0B0|-|-#0')).toEqual([224398474, 3605421279, 1607597461]);
  });

  it('gives 200,000 distinct state-like keys 200,000 distinct fingerprints, and distinct first words', () => {
    const all = new Set<string>();
    const first = new Set<number>();
    for (let i = 0; i < 200_000; i++) {
      const f = fingerprint(`c${i % 7}f${i % 3}B1|m[k${i % 2}]=v${i}@${i >> 5}|-#${i & 1}`);
      all.add(text(f));
      first.add(f[0]!);
    }
    expect(all.size).toBe(200_000);
    // 200,000 random 32-bit words clash about 5 times; a hash that ignored part of the key would clash far more.
    expect(first.size).toBeGreaterThan(199_900);
  });
});

describe('fingerprintAfter a hashed prefix', () => {
  it('is the fingerprint of the prefix and the rest together, whatever bytes the prefix leaves over a word', () => {
    // Every length modulo four, characters of one to four UTF-8 bytes, and empty parts.
    const unit = fc.constantFrom('a', 'Z', '#', '\u0000', 'é', '≥', '\u{1F600}');
    fc.assert(fc.property(fc.string({ unit, maxLength: 40 }), fc.string({ unit, maxLength: 40 }), fc.string({ unit, maxLength: 6 }), (prefix, rest, more) => {
      expect(fingerprintAfter(hashPrefix(prefix), rest)).toEqual(fingerprint(prefix + rest));
      // The rest in two parts, the second of any characters too.
      expect(fingerprintAfter(hashPrefix(prefix), rest, more)).toEqual(fingerprint(prefix + rest + more));
    }), { numRuns: 2000 });
  });

  it('reads every byte of parts far longer than the first buffer, and a short key after them as before', () => {
    const long = 'x'.repeat(30_000);
    const after = hashPrefix(`${long}ab`);
    expect(fingerprintAfter(after, `${long}é`)).toEqual(fingerprint(`${long}ab${long}é`));
    expect(fingerprintAfter(after, 'c')).not.toEqual(fingerprintAfter(after, 'd'));
    expect(fingerprintAfter(hashPrefix('c0f0B0|-|-'), '#0')).toEqual([224398474, 3605421279, 1607597461]);
    // A second part long enough to grow the buffer keeps the first part's bytes.
    const first = 'y'.repeat(1000);
    const second = `${'z'.repeat(400_000)}é`;
    expect(fingerprintAfter(hashPrefix('ab'), first, second)).toEqual(fingerprint(`ab${first}${second}`));
    expect(fingerprintAfter(hashPrefix('c0f0B0|-|-'), '#', '0')).toEqual([224398474, 3605421279, 1607597461]);
  });

  it('serves any number of keys from one prefix: the prefix is not changed by them', () => {
    const prefix = hashPrefix('c1f0B1|assignk0=1');
    for (const rest of ['', '#0', '#1', '#0', 'é#2']) expect(fingerprintAfter(prefix, rest)).toEqual(fingerprint(`c1f0B1|assignk0=1${rest}`));
  });
});

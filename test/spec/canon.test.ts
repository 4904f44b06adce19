/** The namers behind data independence and key symmetry (spec/canon.ts). */
import { describe, expect, it } from 'vitest';
import { KeyNamer, ValueNamer } from '../../spec/canon.js';

describe('ValueNamer', () => {
  it('names values 1, 2, ... by first mention and keeps 0', () => {
    const n = new ValueNamer();
    expect([n.name(9), n.name(0), n.name(4), n.name(9)]).toEqual([1, 0, 2, 1]);
    expect(n.named).toBe(2);
  });

  it('starts afresh after reset, as a new one would', () => {
    const n = new ValueNamer();
    n.name(9);
    n.name(4);
    expect(n.reset()).toBe(n);
    expect([n.peek(9), n.named, n.name(4), n.name(9)]).toEqual([undefined, 0, 1, 2]);
  });
});

describe('KeyNamer', () => {
  it('names keys 0, 1, ... by first mention', () => {
    const n = new KeyNamer(3);
    expect([n.name(2), n.name(2), n.name(0)]).toEqual([0, 0, 1]);
    expect(n.peek(1)).toBeUndefined();
    expect(n.named).toBe(2);
    expect(n.unnamed()).toEqual([1]);
  });

  it('gives the complete renaming and its inverse once every key is named', () => {
    const n = new KeyNamer(3);
    expect(() => n.renaming()).toThrow(/no name yet/);
    for (const k of [1, 2, 0]) n.name(k);
    expect(n.renaming()).toEqual({ name: [2, 0, 1], raw: [1, 2, 0] });
  });

  it('clones independently', () => {
    const n = new KeyNamer(2);
    n.name(1);
    const c = n.clone();
    c.name(0);
    expect(n.peek(0)).toBeUndefined();
    expect(c.renaming().name).toEqual([1, 0]);
  });

  it('starts afresh after reset, as a new one would', () => {
    const n = new KeyNamer(3);
    for (const k of [2, 0, 1]) n.name(k);
    expect(n.reset()).toBe(n);
    expect([n.named, n.peek(2), n.name(1)]).toEqual([0, undefined, 0]);
    expect(n.unnamed()).toEqual([0, 2]);
  });

  it('refuses a key outside its range: a spec bug, not a name', () => {
    expect(() => new KeyNamer(2).name(2)).toThrow(/outside 0\.\.1/);
  });
});

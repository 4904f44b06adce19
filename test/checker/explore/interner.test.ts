import { describe, expect, it } from 'vitest';
import { Interner } from '../../../checker/explore/interner.js';

describe('Interner', () => {
  it('gives equal texts one id, in the order first seen, and builds each value once', () => {
    const i = new Interner<string[]>();
    let built = 0;
    const make = (s: string) => () => {
      built++;
      return s.split(',');
    };
    expect(i.id('a,b', make('a,b'))).toBe(0);
    expect(i.id('c', make('c'))).toBe(1);
    expect(i.id('a,b', make('a,b'))).toBe(0);
    expect(built).toBe(2);
    expect(i.get(0)).toEqual(['a', 'b']);
    expect(i.get(1)).toEqual(['c']);
  });
});

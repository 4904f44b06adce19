import { describe, expect, it } from 'vitest';
import { inside, type Side } from '../../../impl/guarded/one-lock.js';

describe('inside', () => {
  it('enters, runs, leaves, and leaves even when the body throws', () => {
    const log: string[] = [];
    const side: Side = { enter: () => log.push('enter'), leave: () => log.push('leave') };
    expect(inside(side, () => 7)).toBe(7);
    expect(() => inside(side, () => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(log).toEqual(['enter', 'leave', 'enter', 'leave']);
  });
});

import { describe, expect, it } from 'vitest';
import { boolean, dictionary, number, string } from '../../../checker/trace/check-json.js';

describe('check-json readers', () => {
  it('read booleans and finite numbers, and say what a field must be', () => {
    expect(boolean(true, 'x')).toEqual({ ok: true, value: true });
    expect(boolean('yes', 'x')).toEqual({ ok: false, path: 'x', problem: 'must be true or false' });
    expect(number(2.5, 'x')).toEqual({ ok: true, value: 2.5 });
    expect(number(Number.NaN, 'x')).toEqual({ ok: false, path: 'x', problem: 'must be a number' });
    expect(number(undefined, 'x')).toEqual({ ok: false, path: 'x', problem: 'is missing' });
  });

  it('read a dictionary value by value, naming the key that is wrong', () => {
    expect(dictionary(string)({ a: 'x', 'b c': 'y' }, 'ends')).toEqual({ ok: true, value: { a: 'x', 'b c': 'y' } });
    expect(dictionary(string)({ ok: 1 }, 'ends')).toEqual({ ok: false, path: 'ends.ok', problem: 'must be a string' });
    expect(dictionary(string)([], 'ends')).toEqual({ ok: false, path: 'ends', problem: 'must be an object' });
  });
});

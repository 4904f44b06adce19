import { describe, expect, it } from 'vitest';
import { composed, namesBack, opIn, resultIn, slotOrder, type TargetText } from '../../../checker/explore/names.js';
import type { Names } from '../../../checker/explore/node.js';
import { KeyNamer, ValueNamer } from '../../../spec/canon.js';

/** A target text whose namers named these values and keys, in this order. */
function text(order: number[], values: number[], keys: number[]): TargetText {
  const v = new ValueNamer();
  for (const x of values) v.name(x);
  const k = new KeyNamer(2);
  for (const x of keys) k.name(x);
  return { order, text: 'same', values: v, keys: k, keyOrder: keys };
}

const B = { depth: 4, goroutines: 2, keys: 2 };

describe('names between a state and its class', () => {
  it('match the goroutine listed, the value named and the key named i-th in each', () => {
    const back = namesBack(text([1, 0], [5, 3], [1, 0]), text([0, 1], [2, 7], [0, 1]), B);
    expect(back.slots).toEqual([1, 0, 3, 2]);
    expect([...back.values]).toEqual([[5, 2], [3, 7]]);
    expect(back.keys).toEqual([1, 0]);
  });

  it('are one object per content, and composing with names that keep everything changes nothing', () => {
    const same = namesBack(text([0, 1], [4], [0]), text([0, 1], [4], [0]), B);
    expect(namesBack(text([0, 1], [4], [0]), text([0, 1], [4], [0]), B)).toBe(same);
    const names: Names = { slots: [1, 0, 3, 2], values: new Map([[4, 9]]), keys: [1, 0] };
    expect(composed(names, same, undefined)).toBe(names);
  });

  it('carry the execution\'s names over to the next class, an operation started now under its own value', () => {
    const names: Names = { slots: [1, 0, 3, 2], values: new Map([[2, 11], [7, 12]]), keys: [1, 0] };
    // The next class's value 5 is the state's 2 and its 3 the started operation's (the class's fresh 3).
    const back: Names = { slots: [1, 0, 3, 2], values: new Map([[5, 2], [3, 3]]), keys: [1, 0] };
    const next = composed(names, back, { fresh: 3, raw: 13 })!;
    expect(next.slots).toEqual([0, 1, 2, 3]);
    expect([...next.values]).toEqual([[5, 11], [3, 13]]);
    expect(next.keys).toEqual([0, 1]);
  });
});

describe('events in the execution\'s names', () => {
  const names: Names = { slots: [1, 0, 3, 2], values: new Map([[1, 6]]), keys: [1, 0] };
  // The move started an operation whose own value is 2 in the class and 8 in the execution.
  const started = { fresh: 2, raw: 8 };

  it('rename an operation\'s key and value, one object per operation, key and value', () => {
    const op = { kind: 'assign', key: 0, value: 2 } as const;
    expect(opIn(op, names, started)).toEqual({ kind: 'assign', key: 1, value: 8 });
    expect(opIn(op, names, started)).toBe(opIn(op, names, started));
  });

  it('rename results, an absent value staying absent', () => {
    expect(resultIn({ kind: 'value', value: 1, ok: true }, names, started)).toEqual({ kind: 'value', value: 6, ok: true });
    expect(resultIn({ kind: 'value', value: 0, ok: false }, names, started)).toEqual({ kind: 'value', value: 0, ok: false });
    expect(resultIn({ kind: 'pairs', pairs: [[0, 1], [1, 2]] }, names, started)).toEqual({ kind: 'pairs', pairs: [[1, 6], [0, 8]] });
  });
});

describe('the monitor\'s slot order under names', () => {
  it('puts each slot of the order, then its nested slot, in the execution\'s names, one array per content', () => {
    const swapped: Names = { slots: [1, 0, 3, 2], values: new Map(), keys: undefined };
    expect(slotOrder([0, 1], swapped, 2)).toEqual([1, 0, 3, 2]);
    expect(slotOrder([1, 0], undefined, 2)).toEqual([1, 0, 3, 2]);
    expect(slotOrder([0, 1], swapped, 2)).toBe(slotOrder([1, 0], undefined, 2));
    expect(slotOrder([0, 1], undefined, 2)).toEqual([0, 1, 2, 3]);
    // Three goroutines: a longer order is never taken for a shorter one with the same digits.
    expect(slotOrder([0, 1, 2], undefined, 3)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(slotOrder([0], undefined, 1)).toEqual([0, 1]);
  });
});

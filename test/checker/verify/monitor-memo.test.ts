import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbHistory } from './arbitraries.js';
import { call, load, ret, store, got, NONE, type Ev } from './helpers.js';
import { encodeMonitor, monitorCall, monitorInit, monitorReturn, type MonitorState } from '../../../checker/verify/monitor.js';
import { adoptMonitor, memoCall, memoEncode, memoInit, memoReturn } from '../../../checker/verify/monitor-memo.js';
import { deserialize, serialize } from 'node:v8';
import { KeyNamer, ValueNamer } from '../../../spec/canon.js';

const slotsOf = (events: Ev[]): number => Math.max(1, ...events.map((e) => e[1] + 1));
const keysOf = (events: Ev[]): number => Math.max(1, ...events.flatMap((e) => (e[0] === 'call' && 'key' in e[2] ? [e[2].key + 1] : [])));
const plainStep = (m: MonitorState, e: Ev): MonitorState => (e[0] === 'call' ? monitorCall(m, e[1], e[2]) : monitorReturn(m, e[1], e[2]));
const memoStep = (m: MonitorState, e: Ev): MonitorState => (e[0] === 'call' ? memoCall(m, e[1], e[2]) : memoReturn(m, e[1], e[2]));

/** A namer that has already named some of the values 1..20, as a target's state would have. */
const arbNamed = fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { maxLength: 4 });
const namerOf = (named: number[]): ValueNamer => {
  const n = new ValueNamer();
  for (const v of named) n.name(v);
  return n;
};

describe('the remembered monitor', () => {
  // The explorer runs the remembered functions; they must be the monitor's, event for event.
  it.each(['snapshot', 'contract'] as const)('gives the %s monitor\'s verdicts and texts after every event, first time and again', (mode) => {
    fc.assert(fc.property(arbHistory({ faithful: false, rangeStyle: mode }), arbNamed, (events, named) => {
      const order = Array.from({ length: 2 * slotsOf(events) }, (_, g) => g);
      const init = (): [MonitorState, MonitorState] => [monitorInit(2 * slotsOf(events), keysOf(events), mode), memoInit(2 * slotsOf(events), keysOf(events), mode)];
      const firstPass: MonitorState[] = [];
      for (const pass of [0, 1]) {
        let [plain, memo] = init();
        events.forEach((e, i) => {
          plain = plainStep(plain, e);
          memo = memoStep(memo, e);
          expect(memo.failed).toEqual(plain.failed);
          expect(memo.pending).toEqual(plain.pending);
          const a = namerOf(named);
          const b = namerOf(named);
          expect(memoEncode(memo, a, order)).toBe(encodeMonitor(plain, b, order));
          // What the namer holds afterwards is what encodeMonitor leaves in it.
          expect(a.signature()).toBe(b.signature());
          // The second time through, every state is the one remembered the first time.
          if (pass === 0) firstPass.push(memo);
          else expect(memo).toBe(firstPass[i]);
        });
      }
    }), { numRuns: 300 });
  });

  // With key symmetry the text also depends on which keys the target named first.
  it.each(['snapshot', 'contract'] as const)('gives the %s monitor\'s texts with keys named, first time and again', (mode) => {
    const arbKeysNamed = fc.uniqueArray(fc.nat({ max: 3 }), { maxLength: 3 });
    fc.assert(fc.property(arbHistory({ faithful: false, rangeStyle: mode }), arbNamed, arbKeysNamed, (events, named, keysNamed) => {
      const keys = keysOf(events);
      const keyNamerOf = (): KeyNamer => {
        const n = new KeyNamer(keys);
        for (const k of keysNamed) if (k < keys) n.name(k);
        return n;
      };
      const order = Array.from({ length: 2 * slotsOf(events) }, (_, g) => g);
      for (const _pass of [0, 1]) {
        let plain = monitorInit(2 * slotsOf(events), keys, mode);
        let memo = memoInit(2 * slotsOf(events), keys, mode);
        for (const e of events) {
          plain = plainStep(plain, e);
          memo = memoStep(memo, e);
          const a = namerOf(named);
          const b = namerOf(named);
          expect(memoEncode(memo, a, order, keyNamerOf())).toBe(encodeMonitor(plain, b, order, keyNamerOf()));
          expect(a.signature()).toBe(b.signature());
        }
      }
    }), { numRuns: 200 });
  });

  it('answers a second encoding from memory with the same text and the same naming', () => {
    let m = memoInit(2, 1);
    for (const e of [call(0, store(0, 7)), call(1, load(0)), ret(0, NONE), ret(1, got(7))]) m = memoStep(m, e);
    const texts = [0, 1].map(() => {
      const namer = namerOf([3]);
      return [memoEncode(m, namer, [0, 1, 2, 3]), namer.signature()];
    });
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[0]).toEqual([encodeMonitor(m, namerOf([3]), [0, 1, 2, 3]), '3:1,7:2']);
  });

  // The memo's key is a number while the order, the namer's count and the state's values fit
  // in ten base-32 digits, and a text past that: both must answer as encodeMonitor does.
  it.each([
    ['fits a number', 2, 0],
    ['holds too many values for a number', 6, 0],
    ['has a namer with too many names for a number', 1, 40],
  ])('encodes a state that %s as encodeMonitor does, first time and again', (_what, keys, preNamed) => {
    let m = memoInit(2, keys);
    for (let k = 0; k < keys; k++) for (const e of [call(0, store(k, 100 + k)), ret(0, NONE)]) m = memoStep(m, e);
    // A Store pending on slot 0 that a returned Load saw has taken effect: the text depends on the order.
    for (const e of [call(0, store(0, 7)), call(1, load(0)), ret(1, got(7))]) m = memoStep(m, e);
    const named = Array.from({ length: preNamed }, (_, i) => 200 + i);
    const texts = new Set<string>();
    for (const pass of [0, 1]) {
      for (const order of [[0, 1, 2, 3], [1, 0, 3, 2]]) {
        const a = namerOf(named);
        const b = namerOf(named);
        const text = memoEncode(m, a, order);
        expect(text, `pass ${pass}, order ${order}`).toBe(encodeMonitor(m, b, order));
        expect(a.signature()).toBe(b.signature());
        texts.add(text);
      }
    }
    expect(texts.size).toBe(2);
  });

  it('tells results apart that resultKey folds: an absent result keeps its value in the memo key', () => {
    // Both are "absent" to the monitor, so both return the same state; neither is mistaken for a hit of the other's pending slot.
    let m = memoCall(memoInit(1, 1), 0, load(0));
    const a = memoReturn(m, 0, { kind: 'value', value: 0, ok: false });
    const b = memoReturn(m, 0, { kind: 'value', value: 5, ok: false });
    expect(a.failed).toBeUndefined();
    expect(b.failed).toBeUndefined();
    expect(memoReturn(m, 0, got(5)).failed).toBeDefined();
    m = memoCall(a, 0, load(0));
    expect(memoReturn(m, 0, got(5)).failed).toBeDefined();
  });

  // The parallel search hands states to another thread as structured clones.
  it('adopts a monitor state copied from another thread as the interned one, so it steps as the original does', () => {
    fc.assert(fc.property(arbHistory({ faithful: false, rangeStyle: 'snapshot' }), (events) => {
      let m = memoInit(2 * slotsOf(events), keysOf(events), 'snapshot');
      for (const e of events) {
        const copy = deserialize(serialize(m)) as MonitorState;
        expect(copy).not.toBe(m);
        expect(adoptMonitor(copy)).toBe(m);
        m = memoStep(m, e);
      }
    }), { numRuns: 200 });
  });

  it('keeps its tag where neither a spread nor a copy to another thread carries it', () => {
    // The tag names the state in the memo's tables; a state made by spreading a tagged one, or a
    // copy handed over from another thread, must come to the tables as a state of its own.
    const m = memoCall(memoInit(2, 1), 0, store(0, 1));
    memoEncode(m, new ValueNamer(), [0, 1]);
    expect(Object.getOwnPropertySymbols(m)).toHaveLength(1);
    for (const copy of [{ ...m }, structuredClone(m), deserialize(serialize(m)) as MonitorState]) {
      expect(Object.getOwnPropertySymbols(copy)).toHaveLength(0);
      expect(copy).toEqual(m);
    }
  });
});

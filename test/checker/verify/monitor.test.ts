import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbHistory } from './arbitraries.js';
import { encodeMonitor, explanationKey, freshValues, keyOf, MAX_FRESH, monitorCall, monitorInit, monitorReturn, type MonitorState } from '../../../checker/verify/monitor.js';
import { KeyNamer, ValueNamer } from '../../../spec/canon.js';
import { call, got, history, load, MISSING, NONE, pairs, range, ret, runMonitor, store, type Ev } from './helpers.js';

const feed = (m: MonitorState, events: Ev[]): MonitorState =>
  events.reduce((s, e) => (e[0] === 'call' ? monitorCall(s, e[1], e[2]) : monitorReturn(s, e[1], e[2])), m);

describe('the online monitor', () => {
  it('judges Range as a snapshot unless told otherwise', () => {
    expect(monitorInit(2, 1).range).toBe('snapshot');
    expect(monitorInit(2, 1)).toEqual(monitorInit(2, 1, 'snapshot'));
  });

  it('in snapshot mode its explanations carry no Range watches (states as before)', () => {
    const events = [call(0, store(0, 1)), call(1, range()), ret(0, NONE)];
    const all = feed(monitorInit(2, 1, 'snapshot', false), events);
    expect(all.configs.every((e) => !('watches' in e))).toBe(true);
    // The Range not yet taken effect, taken effect after the Store (seeing it), or before it.
    expect(encodeMonitor(all, new ValueNamer(), [0, 1])).toBe('1/. .;1/. [0:1];1/. []');
    // Keeping only the roots drops the second: the first reaches it by taking the Range now.
    expect(encodeMonitor(feed(monitorInit(2, 1), events), new ValueNamer(), [0, 1])).toBe('1/. .;1/. []');
  });

  it('in contract mode a pending Range watches every explanation, and drops the watch when it returns', () => {
    let m = feed(monitorInit(2, 1, 'contract'), [call(0, store(0, 1)), call(1, range())]);
    expect(m.configs.every((e) => 'watches' in e)).toBe(true);
    m = feed(m, [ret(0, NONE), ret(1, pairs([0, 1]))]);
    expect(m.failed).toBeUndefined();
    expect(m.configs.every((e) => !('watches' in e))).toBe(true);
  });

  it('names the slot and operation that could not be placed', () => {
    const m = feed(monitorInit(2, 1, 'contract'), [call(0, store(0, 1)), ret(0, NONE), call(1, range()), ret(1, pairs())]);
    expect(m.failed).toEqual({ goroutine: 1, op: range() });
    expect(encodeMonitor(m, new ValueNamer(), [0, 1])).toBe('X');
  });

  it('keeps its state canonical: sorted, distinct explanations', () => {
    const m = runMonitor(history([call(0, store(0, 1)), call(1, store(0, 2)), call(2, range()), ret(0, NONE), ret(1, NONE)]), 'contract');
    const keys = m.configs.map((e) => JSON.stringify(e));
    expect(new Set(keys).size).toBe(keys.length);
    const texts = encodeMonitor(m, new ValueNamer(), [0, 1, 2]).split(';');
    expect(texts).toEqual([...texts].sort());
  });

  it('drops an explanation whose Range watch another one with the same map and results covers', () => {
    // The load saw k0 absent, so the store may take effect before the Range is called or after:
    // after, the Range has also seen k0 absent, which allows everything the other allows.
    const m = feed(monitorInit(3, 1, 'contract'), [
      call(0, store(0, 1)), call(1, load(0)), ret(1, MISSING), call(2, range()), ret(0, NONE),
    ]);
    // The explanations' content: each also keeps its key once worked out (keyOf).
    expect(m.configs.map(({ model, done, watches }) => ({ model, done, watches }))).toEqual([{ model: [1], done: [null, null, null], watches: [null, null, { held: [[0, 1]], written: [] }] }]);
    expect(feed(m, [ret(2, pairs())]).failed).toBeUndefined();
  });

  it('encodes states that differ by renaming values and swapping goroutines alike', () => {
    const run = (a: number, b: number, first: number, second: number): string => {
      const m = feed(monitorInit(2, 1, 'contract'), [
        call(first, store(0, a)), ret(first, NONE), call(second, range()), call(first, store(0, b)), ret(first, NONE),
      ]);
      return encodeMonitor(m, new ValueNamer(), first === 0 ? [0, 1] : [1, 0]);
    };
    expect(run(1, 2, 0, 1)).toBe(run(7, 3, 1, 0));
  });

  it('judges a stopped snapshot Range by one of the pairs it saw', () => {
    const filled = [call(0, store(0, 1)), ret(0, NONE), call(0, store(1, 2)), ret(0, NONE)];
    expect(feed(monitorInit(1, 2), [...filled, call(0, range('stop')), ret(0, pairs([1, 2]))]).failed).toBeUndefined();
    expect(feed(monitorInit(1, 2), [...filled, call(0, range('stop')), ret(0, pairs([1, 3]))]).failed).toBeDefined();
  });

  it('a read linearized before the return it is judged at still counts', () => {
    // The load takes effect while the store is pending; the monitor must keep that explanation.
    const m = feed(monitorInit(2, 1), [call(0, store(0, 1)), call(1, load(0)), ret(0, NONE), ret(1, got(1))]);
    expect(m.failed).toBeUndefined();
  });
});

describe('the monitor key under renaming of values', () => {
  /** Applies an injective renaming to every value a history's operations write or return (0 stays 0). */
  const renameEvents = (events: Ev[], f: (v: number) => number): Ev[] => events.map((e): Ev => {
    if (e[0] === 'call') {
      const op = e[2];
      return ['call', e[1], 'value' in op && op.value !== undefined ? { ...op, value: f(op.value) } : op] as Ev;
    }
    const r = e[2];
    if (r.kind === 'value') return ['ret', e[1], { ...r, value: r.value === 0 ? 0 : f(r.value) }];
    if (r.kind === 'pairs') return ['ret', e[1], { kind: 'pairs', pairs: r.pairs.map(([k, v]) => [k, v === 0 ? 0 : f(v)] as [number, number]) }];
    return e;
  });
  const slotsOf = (events: Ev[]): number => Math.max(1, ...events.map((e) => e[1] + 1));
  const keysOf = (events: Ev[]): number => Math.max(1, ...events.flatMap((e) => (e[0] === 'call' && 'key' in e[2] ? [e[2].key + 1] : [])));

  // The explorer's state counts must not depend on which raw values a state carries (search order).
  it.each(['snapshot', 'contract'] as const)('gives every prefix of a %s history the same text after any renaming', (mode) => {
    fc.assert(fc.property(arbHistory({ faithful: true, rangeStyle: mode }), fc.integer({ min: 1, max: 1000 }), (events, seed) => {
      // A bijection of the positive values that scrambles their order: v -> v * 7919 + seed, shuffled by a stride.
      const f = (v: number): number => ((v * 7919 + seed) % 100_003) + 1;
      const renamed = renameEvents(events, f);
      const init = monitorInit(slotsOf(events), keysOf(events), mode);
      let a = init;
      let b = init;
      for (let i = 0; i < events.length; i++) {
        a = feed(a, [events[i]!]);
        b = feed(b, [renamed[i]!]);
        const order = Array.from({ length: slotsOf(events) }, (_, g) => g);
        // Canonical up to MAX_FRESH values held only by the monitor (here every value is, as no target names any).
        if (freshValues(a, new ValueNamer(), order).size > MAX_FRESH) break;
        expect(encodeMonitor(b, new ValueNamer(), order)).toBe(encodeMonitor(a, new ValueNamer(), order));
      }
    }), { numRuns: 300 });
  });
});

describe('the monitor key under renaming of keys (key symmetry)', () => {
  /** Applies a permutation to every key a history's operations name or return. */
  const renameKeys = (events: Ev[], perm: readonly number[]): Ev[] => events.map((e): Ev => {
    if (e[0] === 'call') return 'key' in e[2] ? ['call', e[1], { ...e[2], key: perm[e[2].key]! }] as Ev : e;
    const r = e[2];
    return r.kind === 'pairs' ? ['ret', e[1], { kind: 'pairs', pairs: r.pairs.map(([k, v]) => [perm[k]!, v] as [number, number]) }] : e;
  });
  const slotsOf = (events: Ev[]): number => Math.max(1, ...events.map((e) => e[1] + 1));
  const keysOf = (events: Ev[]): number => Math.max(1, ...events.flatMap((e) => (e[0] === 'call' && 'key' in e[2] ? [e[2].key + 1] : [])));
  const history = (mode: 'snapshot' | 'contract') => arbHistory({ faithful: true, rangeStyle: mode }).chain((events) => {
    const keys = keysOf(events);
    const all = Array.from({ length: keys }, (_, k) => k);
    return fc.tuple(fc.constant(events), fc.shuffledSubarray(all, { minLength: keys, maxLength: keys }), fc.nat({ max: keys - 1 }));
  });

  it.each(['snapshot', 'contract'] as const)('gives every prefix of a %s history the same text after any renaming', (mode) => {
    fc.assert(fc.property(history(mode), ([events, perm, first]) => {
      const renamed = renameKeys(events, perm);
      const keys = keysOf(events);
      const order = Array.from({ length: slotsOf(events) }, (_, g) => g);
      let a = monitorInit(slotsOf(events), keys, mode);
      let b = a;
      for (let i = 0; i < events.length; i++) {
        a = feed(a, [events[i]!]);
        b = feed(b, [renamed[i]!]);
        // Canonical up to MAX_FRESH values held only by the monitor, as under renaming values:
        // past that they are named in the order met, and renaming keys changes that order.
        if (freshValues(a, new ValueNamer(), order).size > MAX_FRESH) break;
        // No target named a key: the monitor names them all, trying every order.
        expect(encodeMonitor(b, new ValueNamer(), order, new KeyNamer(keys))).toBe(encodeMonitor(a, new ValueNamer(), order, new KeyNamer(keys)));
        // The target named one key first: the same key, renamed, in the other history.
        const namedA = new KeyNamer(keys);
        namedA.name(first);
        const namedB = new KeyNamer(keys);
        namedB.name(perm[first]!);
        expect(encodeMonitor(b, new ValueNamer(), order, namedB)).toBe(encodeMonitor(a, new ValueNamer(), order, namedA));
      }
    }), { numRuns: 300 });
  });

  it('tells apart histories that differ by more than a renaming of keys', () => {
    const one = feed(monitorInit(1, 2), [call(0, store(0, 1)), ret(0, NONE)]);
    const two = feed(monitorInit(1, 2), [call(0, store(0, 1)), ret(0, NONE), call(0, store(1, 2)), ret(0, NONE)]);
    expect(encodeMonitor(one, new ValueNamer(), [0], new KeyNamer(2))).not.toBe(encodeMonitor(two, new ValueNamer(), [0], new KeyNamer(2)));
  });
});

describe('the key kept on each explanation (keyOf)', () => {
  // A key spread from one explanation into another made from it would name the wrong one: states
  // would intern together that differ (monitor-memo.ts keys states by these keys).
  it.each(['snapshot', 'contract'] as const)('is always the key of the explanation it is on, at every prefix of a %s history', (mode) => {
    let keyed = 0;
    fc.assert(fc.property(arbHistory({ faithful: false, rangeStyle: mode }), (events) => {
      const slots = Math.max(1, ...events.map((e) => e[1] + 1));
      const keys = Math.max(1, ...events.flatMap((e) => (e[0] === 'call' && 'key' in e[2] ? [e[2].key + 1] : [])));
      let m = monitorInit(slots, keys, mode);
      for (const e of events) {
        m = feed(m, [e]);
        for (const x of m.configs) {
          if (x.key !== undefined) keyed++;
          expect(x.key ?? explanationKey(x)).toBe(explanationKey(x));
          expect(keyOf(x)).toBe(explanationKey(x));
        }
      }
    }), { numRuns: 300 });
    // Returns key the explanations they keep: a test that never met a kept key would prove nothing.
    expect(keyed).toBeGreaterThan(0);
  });
});

describe('the key of a watched explanation', () => {
  // distinct groups watched explanations by their key without the watches, cut at the last '/'.
  it('is its key without the watches, a slash, then the watches, which have no slash', () => {
    let watched = 0;
    fc.assert(fc.property(arbHistory({ faithful: false, rangeStyle: 'contract' }), (events) => {
      const slots = Math.max(1, ...events.map((e) => e[1] + 1));
      const keys = Math.max(1, ...events.flatMap((e) => (e[0] === 'call' && 'key' in e[2] ? [e[2].key + 1] : [])));
      let m = monitorInit(slots, keys, 'contract');
      for (const e of events) {
        m = feed(m, [e]);
        for (const x of m.configs) {
          if (!x.watches) continue;
          watched++;
          const key = explanationKey(x);
          const base = explanationKey({ model: x.model, done: x.done });
          expect(key.startsWith(`${base}/`)).toBe(true);
          expect(key.slice(base.length + 1)).not.toContain('/');
        }
      }
    }), { numRuns: 300 });
    expect(watched).toBeGreaterThan(0);
  });
});

describe('keeping only the roots of the explanations', () => {
  const slotsOf = (events: Ev[]): number => Math.max(1, ...events.map((e) => e[1] + 1));
  const keysOf = (events: Ev[]): number => Math.max(1, ...events.flatMap((e) => (e[0] === 'call' && 'key' in e[2] ? [e[2].key + 1] : [])));
  const pendingNone = (m: MonitorState): boolean => m.pending.every((p) => p === null);

  // The explorer keys states by the roots, so two histories that differ only in what they drop
  // share a state: that is sound only if no future event can tell the two monitors apart.
  it.each(['snapshot', 'contract'] as const)('changes no verdict at any prefix of a %s history, and no explanation at quiescence', (mode) => {
    let shrank = 0;
    fc.assert(fc.property(arbHistory({ faithful: false, rangeStyle: mode }), (events) => {
      let rootsOnly = monitorInit(slotsOf(events), keysOf(events), mode);
      let every = monitorInit(slotsOf(events), keysOf(events), mode, false);
      const order = Array.from({ length: slotsOf(events) }, (_, g) => g);
      for (const e of events) {
        rootsOnly = feed(rootsOnly, [e]);
        every = feed(every, [e]);
        expect(rootsOnly.failed).toEqual(every.failed);
        expect(rootsOnly.configs.length).toBeLessThanOrEqual(every.configs.length);
        if (rootsOnly.configs.length < every.configs.length) shrank++;
        if (pendingNone(every)) expect(encodeMonitor(rootsOnly, new ValueNamer(), order)).toBe(encodeMonitor(every, new ValueNamer(), order));
      }
    }), { numRuns: 400 });
    // It does drop explanations on these histories; a comparison where it never did would prove nothing.
    expect(shrank).toBeGreaterThan(0);
  });
});

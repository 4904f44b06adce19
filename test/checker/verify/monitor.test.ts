import { describe, expect, it } from 'vitest';
import { encodeMonitor, monitorCall, monitorInit, monitorReturn, type MonitorState } from '../../../checker/verify/monitor.js';
import { ValueNamer } from '../../../spec/canon.js';
import { call, got, history, load, MISSING, NONE, pairs, range, ret, runMonitor, store, type Ev } from './helpers.js';

const feed = (m: MonitorState, events: Ev[]): MonitorState =>
  events.reduce((s, e) => (e[0] === 'call' ? monitorCall(s, e[1], e[2]) : monitorReturn(s, e[1], e[2])), m);

describe('the online monitor', () => {
  it('judges Range as a snapshot unless told otherwise', () => {
    expect(monitorInit(2, 1).range).toBe('snapshot');
    expect(monitorInit(2, 1)).toEqual(monitorInit(2, 1, 'snapshot'));
  });

  it('in snapshot mode its explanations carry no Range watches (states as before)', () => {
    const m = feed(monitorInit(2, 1), [call(0, store(0, 1)), call(1, range()), ret(0, NONE)]);
    expect(m.configs.every((e) => !('watches' in e))).toBe(true);
    expect(encodeMonitor(m, new ValueNamer(), [0, 1])).toBe('1/. .;1/. [0:1];1/. []');
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
    expect(m.configs).toEqual([{ model: [1], done: [null, null, null], watches: [null, null, { held: [[0, 1]], written: [] }] }]);
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

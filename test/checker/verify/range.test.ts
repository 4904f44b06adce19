import { describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../../checker/verify/linearizability.js';
import { call, del, got, history, load, MISSING, NONE, pairs, range, ret, store, verdict, type Ev } from './helpers.js';

/**
 * Range on both sides of each clause of the contract rule (monitor.ts, RangeMode), each judged
 * by both verifiers in both modes. Slots 0-2 are goroutines; slot 3 (= G + 0 with G = 3) is the
 * slot of calls goroutine 0 makes from its Range callback.
 */
const NESTED = 3;

/** k0 = v1 and k1 = v2, both stores completed by slot 2. */
const filled: Ev[] = [call(2, store(0, 1)), ret(2, NONE), call(2, store(1, 2)), ret(2, NONE)];

const both = (events: Ev[]): { snapshot: string; contract: string } =>
  ({ snapshot: verdict(events, 'snapshot'), contract: verdict(events, 'contract') });

describe('(a) no key is visited twice', () => {
  it('a key visited twice fails in both modes', () => {
    const events = [...filled, call(0, range()), ret(0, pairs([0, 1], [1, 2], [0, 1]))];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'nonlinearizable' });
  });

  it('even when a concurrent store gave it two values', () => {
    const events = [...filled, call(0, range()), call(1, store(0, 5)), ret(1, NONE), ret(0, pairs([0, 1], [1, 2], [0, 5]))];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'nonlinearizable' });
  });
});

describe('(b) every visited value was the key\'s value at some moment during the Range', () => {
  it('a value the key never held fails', () => {
    const events = [...filled, call(0, range()), ret(0, pairs([0, 7], [1, 2]))];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'nonlinearizable' });
  });

  it('a value overwritten before the Range was called fails', () => {
    const events = [...filled, call(1, store(0, 5)), ret(1, NONE), call(0, range()), ret(0, pairs([0, 1], [1, 2]))];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'nonlinearizable' });
  });

  it('a value stored only after the Range returned fails', () => {
    const events = [...filled, call(0, range()), ret(0, pairs([0, 5], [1, 2])), call(1, store(0, 5)), ret(1, NONE)];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'nonlinearizable' });
  });

  it('old and new values of a concurrent store are both fine', () => {
    for (const v of [1, 5]) {
      const events = [...filled, call(0, range()), call(1, store(0, 5)), ret(1, NONE), ret(0, pairs([0, v], [1, 2]))];
      expect(both(events)).toEqual({ snapshot: 'ok', contract: 'ok' });
    }
  });

  it('values from different moments: fine by the contract, not as a snapshot', () => {
    // k0 changes first, then k1; seeing old k0 with new k1 matches no single moment.
    const events = [
      ...filled, call(0, range()),
      call(1, store(0, 5)), ret(1, NONE), call(1, store(1, 6)), ret(1, NONE),
      ret(0, pairs([0, 1], [1, 6])),
    ];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'ok' });
  });

  it('a pair whose key was absent the whole Range fails', () => {
    const events = [call(0, range()), ret(0, pairs([0, 1])), call(2, store(0, 1)), ret(2, NONE)];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'nonlinearizable' });
  });
});

describe('(c) a key present and untouched for the whole Range is visited', () => {
  it('skipping one fails', () => {
    const events = [...filled, call(0, range()), ret(0, pairs([0, 1]))];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'nonlinearizable' });
  });

  it('skipping one that a concurrent store touched is fine by the contract', () => {
    const events = [...filled, call(0, range()), call(1, store(1, 6)), ret(1, NONE), ret(0, pairs([0, 1]))];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'ok' });
  });

  it('skipping one that was deleted during the Range is fine (it was not present throughout)', () => {
    const events = [...filled, call(0, range()), call(1, del(1)), ret(1, NONE), ret(0, pairs([0, 1]))];
    expect(both(events)).toEqual({ snapshot: 'ok', contract: 'ok' });
  });

  it('skipping one stored during the Range is fine (it was absent at first)', () => {
    const events = [call(2, store(0, 1)), ret(2, NONE), call(0, range()), call(1, store(1, 2)), ret(1, NONE), ret(0, pairs([0, 1]))];
    expect(both(events)).toEqual({ snapshot: 'ok', contract: 'ok' });
  });

  it('a store that only overlaps the Range still touches it, whichever way it linearizes', () => {
    // The store is called before the Range and returns inside it.
    const events = [...filled, call(1, store(1, 6)), call(0, range()), ret(1, NONE), ret(0, pairs([0, 1]))];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'ok' });
  });

  it('a callback that stopped early may skip keys, but must have visited one', () => {
    expect(both([...filled, call(0, range('stop')), ret(0, pairs([1, 2]))])).toEqual({ snapshot: 'ok', contract: 'ok' });
    expect(both([...filled, call(0, range('stop')), ret(0, pairs())])).toEqual({ snapshot: 'nonlinearizable', contract: 'nonlinearizable' });
    expect(both([call(0, range('stop')), ret(0, pairs())])).toEqual({ snapshot: 'ok', contract: 'ok' });
  });
});

describe('(d) a callback that stops ends the Range', () => {
  it('visiting a second pair after it fails', () => {
    expect(both([...filled, call(0, range('stop')), ret(0, pairs([0, 1], [1, 2]))])).toEqual({ snapshot: 'nonlinearizable', contract: 'nonlinearizable' });
  });
});

describe('operations called from inside the Range callback', () => {
  it('Delete for each visited key: the deletes linearize inside the Range and are seen after it', () => {
    const events = [
      ...filled, call(0, range('delete')),
      call(NESTED, del(0)), ret(NESTED, NONE), call(NESTED, del(1)), ret(NESTED, NONE),
      ret(0, pairs([0, 1], [1, 2])),
      call(1, load(0)),
    ];
    expect(both([...events, ret(1, MISSING)])).toEqual({ snapshot: 'ok', contract: 'ok' });
    expect(both([...events, ret(1, got(1))])).toEqual({ snapshot: 'nonlinearizable', contract: 'nonlinearizable' });
  });

  it('a key the callback itself wrote may be skipped (Go: "including by f")', () => {
    const events = [
      ...filled, call(0, range('store', 9)),
      call(NESTED, store(1, 9)), ret(NESTED, NONE),
      ret(0, pairs([0, 1])),
    ];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'ok' });
  });

  it('the callback\'s Delete lies inside the Range: a later concurrent value may be visited by the contract', () => {
    // k0 is deleted by the callback before k1 gets v6, so no single moment has k0 = v1 and k1 = v6.
    const events = [
      ...filled, call(0, range('delete')),
      call(NESTED, del(0)), ret(NESTED, NONE),
      call(1, store(1, 6)), ret(1, NONE),
      call(NESTED, del(1)), ret(NESTED, NONE),
      ret(0, pairs([0, 1], [1, 6])),
    ];
    expect(both(events)).toEqual({ snapshot: 'nonlinearizable', contract: 'ok' });
  });

  it('a Range that never returned is judged by nothing', () => {
    const events = [...filled, call(0, range('delete')), call(NESTED, del(0)), ret(NESTED, NONE)];
    expect(both(events)).toEqual({ snapshot: 'ok', contract: 'ok' });
  });
});

describe('the offline reason names the clause', () => {
  it.each([
    [[...filled, call(0, range()), ret(0, pairs([0, 1], [0, 1], [1, 2]))], '(a) it visits k0 twice'],
    [[...filled, call(0, range()), ret(0, pairs([0, 7], [1, 2]))], '(b) it visits k0:v7, a value k0 never held during the Range'],
    [[...filled, call(0, range()), ret(0, pairs([0, 1]))], '(c) it skips k1, present (v2) and untouched throughout the Range'],
    [[...filled, call(0, range('stop')), ret(0, pairs([0, 1], [1, 2]))], '(d) its callback stops at the first pair, but it visits 2'],
  ] as Array<[Ev[], string]>)('%#', (events, clause) => {
    const v = checkLinearizable(history(events), { range: 'contract' });
    expect(v.verdict).toBe('nonlinearizable');
    if (v.verdict === 'nonlinearizable') {
      expect(v.op.op.kind).toBe('range');
      expect(v.reason).toContain(clause);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../../checker/verify/linearizability.js';
import {
  call, count, del, got, history, len, load, loadAndDelete, loadOrStore, MISSING, NONE, ret, store, stored, verdict,
} from './helpers.js';

/** Register cases on one key (slot = goroutine). Each is judged by both verifiers, which must agree. */
describe('a single register', () => {
  it('a read overlapping a write may see the old value or the new one', () => {
    for (const seen of [MISSING, got(1)]) {
      expect(verdict([call(0, store(0, 1)), call(1, load(0)), ret(1, seen), ret(0, NONE)])).toBe('ok');
    }
  });

  it('a read called after a write returned must see it', () => {
    expect(verdict([call(0, store(0, 1)), ret(0, NONE), call(1, load(0)), ret(1, MISSING)])).toBe('nonlinearizable');
    expect(verdict([call(0, store(0, 1)), ret(0, NONE), call(1, load(0)), ret(1, got(1))])).toBe('ok');
  });

  it('two reads that see new, then old, in real-time order are not linearizable', () => {
    const events = [
      call(0, store(0, 1)), ret(0, NONE),
      call(0, store(0, 2)), // overlaps both reads, never returns before them
      call(1, load(0)), ret(1, got(2)),
      call(2, load(0)), ret(2, got(1)),
      ret(0, NONE),
    ];
    expect(verdict(events)).toBe('nonlinearizable');
    // Old, then new, is fine.
    expect(verdict([...events.slice(0, 3), call(1, load(0)), ret(1, got(1)), call(2, load(0)), ret(2, got(2)), ret(0, NONE)])).toBe('ok');
  });

  it('a value from no write is not linearizable', () => {
    expect(verdict([call(0, store(0, 1)), call(1, load(0)), ret(1, got(7)), ret(0, NONE)])).toBe('nonlinearizable');
  });

  it('a lost write: two overlapping stores on different keys, and one key reads absent afterwards', () => {
    const events = [call(0, store(0, 1)), call(1, store(1, 2)), ret(0, NONE), ret(1, NONE), call(0, load(0)), ret(0, MISSING)];
    expect(verdict(events)).toBe('nonlinearizable');
  });

  it('of two overlapping stores either may win, but not both in turn', () => {
    const both = [call(0, store(0, 1)), call(1, store(0, 2)), ret(0, NONE), ret(1, NONE)];
    expect(verdict([...both, call(0, load(0)), ret(0, got(1))])).toBe('ok');
    expect(verdict([...both, call(0, load(0)), ret(0, got(2))])).toBe('ok');
    expect(verdict([...both, call(0, load(0)), ret(0, got(2)), call(1, load(0)), ret(1, got(1))])).toBe('nonlinearizable');
  });

  it('delete: a read after it sees absent; one overlapping it may see either', () => {
    const before = [call(0, store(0, 1)), ret(0, NONE)];
    expect(verdict([...before, call(0, del(0)), ret(0, NONE), call(1, load(0)), ret(1, got(1))])).toBe('nonlinearizable');
    expect(verdict([...before, call(0, del(0)), call(1, load(0)), ret(1, got(1)), ret(0, NONE)])).toBe('ok');
  });
});

describe('LoadOrStore and LoadAndDelete', () => {
  it('of two overlapping LoadOrStores exactly one stores, and the other loads its value', () => {
    const open = [call(0, loadOrStore(0, 1)), call(1, loadOrStore(0, 2))];
    expect(verdict([...open, ret(0, stored(1)), ret(1, got(1))])).toBe('ok');
    expect(verdict([...open, ret(0, got(2)), ret(1, stored(2))])).toBe('ok');
    expect(verdict([...open, ret(0, stored(1)), ret(1, stored(2))])).toBe('nonlinearizable');
    expect(verdict([...open, ret(0, got(2)), ret(1, got(1))])).toBe('nonlinearizable');
  });

  it('LoadOrStore after a completed Store loads, and its own value is never stored', () => {
    const before = [call(0, store(0, 1)), ret(0, NONE)];
    expect(verdict([...before, call(1, loadOrStore(0, 2)), ret(1, got(1))])).toBe('ok');
    expect(verdict([...before, call(1, loadOrStore(0, 2)), ret(1, stored(2))])).toBe('nonlinearizable');
    expect(verdict([...before, call(1, loadOrStore(0, 2)), ret(1, got(1)), call(1, load(0)), ret(1, got(2))])).toBe('nonlinearizable');
  });

  it('of two overlapping LoadAndDeletes only one gets the value', () => {
    const open = [call(0, store(0, 1)), ret(0, NONE), call(0, loadAndDelete(0)), call(1, loadAndDelete(0))];
    expect(verdict([...open, ret(0, got(1)), ret(1, MISSING)])).toBe('ok');
    expect(verdict([...open, ret(0, MISSING), ret(1, got(1))])).toBe('ok');
    expect(verdict([...open, ret(0, got(1)), ret(1, got(1))])).toBe('nonlinearizable');
    expect(verdict([...open, ret(0, MISSING), ret(1, MISSING)])).toBe('nonlinearizable');
  });

  it('a LoadAndDelete leaves the key absent', () => {
    const events = [call(0, store(0, 1)), ret(0, NONE), call(0, loadAndDelete(0)), ret(0, got(1)), call(1, load(0))];
    expect(verdict([...events, ret(1, MISSING)])).toBe('ok');
    expect(verdict([...events, ret(1, got(1))])).toBe('nonlinearizable');
  });
});

describe('len and clear (checked whole, not per key)', () => {
  it('len counts the keys at one point', () => {
    const events = [call(0, store(0, 1)), ret(0, NONE), call(0, store(1, 2)), call(1, len)];
    expect(verdict([...events, ret(1, count(1)), ret(0, NONE)])).toBe('ok');
    expect(verdict([...events, ret(1, count(2)), ret(0, NONE)])).toBe('ok');
    expect(verdict([...events, ret(1, count(0)), ret(0, NONE)])).toBe('nonlinearizable');
  });
});

describe('operations that never returned', () => {
  it('may have taken effect or not', () => {
    const open = [call(0, store(0, 1))];
    expect(verdict([...open, call(1, load(0)), ret(1, got(1))])).toBe('ok');
    expect(verdict([...open, call(1, load(0)), ret(1, MISSING)])).toBe('ok');
    expect(verdict([...open, call(1, loadOrStore(0, 2)), ret(1, stored(2))])).toBe('ok');
  });

  it('still take effect at most once, at one point', () => {
    const events = [call(0, store(0, 1)), call(1, load(0)), ret(1, got(1)), call(1, load(0)), ret(1, MISSING)];
    expect(verdict(events)).toBe('nonlinearizable');
  });

  it('a read that never returned constrains nothing', () => {
    expect(verdict([call(0, load(0)), call(1, store(0, 1)), ret(1, NONE)])).toBe('ok');
  });
});

describe('the nonlinearizable verdict names the operation that cannot be placed', () => {
  it('the stale read, with the value the map gives there', () => {
    const h = history([call(0, store(0, 1)), ret(0, NONE), call(1, load(0)), ret(1, MISSING)]);
    const v = checkLinearizable(h);
    expect(v.verdict).toBe('nonlinearizable');
    if (v.verdict !== 'nonlinearizable') return;
    expect(v.op.id).toBe(1);
    expect(v.reason).toBe('v, ok := m[k0] (#1, slot 1) returned (0, false): the map gives (v1, true) there');
    expect(v.reason).not.toContain('\n');
  });
});

describe('the search bound', () => {
  /** Twelve overlapping stores on twelve keys; afterwards k0 reads absent. */
  const lost = [
    ...Array.from({ length: 12 }, (_, k) => call(k, store(k, k + 1))),
    ...Array.from({ length: 12 }, (_, k) => ret(k, NONE)),
    call(0, load(0)), ret(0, MISSING),
  ];

  it('gives unknown, never ok, when it is hit', () => {
    const h = history([call(0, store(0, 1)), ret(0, NONE), call(1, load(0)), ret(1, got(1))]);
    expect(checkLinearizable(h, { maxSteps: 1 })).toEqual({ verdict: 'unknown', reason: 'gave up after 1 search steps on the operations on k0' });
    expect(checkLinearizable(h, { maxSteps: 3 })).toEqual({ verdict: 'ok' });
  });

  it('a key whose search gave up does not hide another key\'s proof', () => {
    const slow = [call(0, store(0, 1)), ret(0, NONE), call(0, store(0, 2)), ret(0, NONE), call(0, load(0)), ret(0, got(2))];
    const stale = [call(1, store(1, 9)), ret(1, NONE), call(1, load(1)), ret(1, MISSING)];
    expect(checkLinearizable(history(slow), { maxSteps: 3 }).verdict).toBe('unknown');
    expect(checkLinearizable(history([...slow, ...stale]), { maxSteps: 3 })).toMatchObject({ verdict: 'nonlinearizable', op: { op: load(1) } });
  });

  it('per-key partitioning finds the lost write in a few steps', () => {
    expect(checkLinearizable(history(lost), { maxSteps: 100 }).verdict).toBe('nonlinearizable');
  });

  it('a len makes the keys depend on each other: the whole search runs out of steps', () => {
    const withLen = [call(12, len), ret(12, count(0)), ...lost];
    expect(checkLinearizable(history(withLen), { maxSteps: 100 })).toEqual({ verdict: 'unknown', reason: 'gave up after 100 search steps on the whole history' });
    expect(checkLinearizable(history(withLen)).verdict).toBe('nonlinearizable');
  });
});

describe('malformed histories are the caller\'s mistake', () => {
  it('says what is wrong', () => {
    expect(() => checkLinearizable([{ id: 0, slot: 0, op: load(0), call: 3, ret: 1, result: MISSING }])).toThrow(/returns \(1\) before its call/);
    expect(() => checkLinearizable([{ id: 0, slot: 0, op: load(0), call: 0, ret: 1 }])).toThrow(/both ret and result/);
    const o = { id: 0, slot: 0, op: load(0), call: 0 };
    expect(() => checkLinearizable([o, o])).toThrow(/occurs twice/);
  });
});

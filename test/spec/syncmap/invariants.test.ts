/**
 * Each invariant fires on a state (or step) built to break it, and a good state passes them all.
 * Transition invariants are also checked through the interpreter with a patched function table:
 * the check lives in the interpreter, so a step that breaks the rule cannot avoid it.
 */
import { describe, expect, it } from 'vitest';
import { EXPUNGED, NONE, P_NIL } from '../../../spec/syncmap/constants.js';
import { SYNCMAP_FUNCTIONS } from '../../../spec/syncmap/functions.js';
import { brokenInvariant, brokenTransition, STATE_INVARIANTS, TRANSITION_INVARIANTS } from '../../../spec/syncmap/invariants.js';
import { idleGoroutines, startOp, step } from '../../../spec/syncmap/machine.js';
import { applyPatches } from '../../../spec/syncmap/patch.js';
import type { FunctionTable } from '../../../spec/syncmap/program.js';
import type { Mem, SyncMapState } from '../../../spec/syncmap/state.js';
import type { Op } from '../../../spec/types.js';
import { mem } from './helpers.js';

function stateInvariant(name: string) {
  const inv = STATE_INVARIANTS.find((i) => i.name.startsWith(name));
  if (!inv) throw new Error(`no invariant ${name}`);
  return inv;
}

function transition(name: string) {
  const inv = TRANSITION_INVARIANTS.find((i) => i.name.startsWith(name));
  if (!inv) throw new Error(`no transition invariant ${name}`);
  return inv;
}

/** k0 live in read.m and dirty; k1 only in dirty: the usual shape of an amended map. */
const GOOD = mem({ read: 0, dirty: 1, readOnlys: [[0, true]], maps: [{ 0: 0 }, { 0: 0, 1: 1 }], entries: [5, 7] });

/** Per state invariant: a state that breaks it. */
const BAD: Array<[name: string, m: Mem]> = [
  ['mu is free', { ...GOOD, mu: 0 }],
  ['I2', mem({ read: 0, dirty: 0, readOnlys: [[0, true]], maps: [{ 0: 0 }], entries: [5] })],
  ['I3', { ...GOOD, readOnlys: [{ m: 0, amended: false }] }],
  ['I3', mem({ read: 0, readOnlys: [[0, true]], maps: [{ 0: 0 }], entries: [5] })],
  // Expunged while dirty is nil; and an expunged entry inside dirty.
  ['I5', mem({ read: 0, readOnlys: [[0, false]], maps: [{ 0: 0 }], entries: [EXPUNGED] })],
  ['I5', { ...GOOD, entries: [5, EXPUNGED] }],
  ['I6', mem({ read: 0, dirty: 1, readOnlys: [[0, true]], maps: [{ 0: 0 }, { 1: 1 }], entries: [P_NIL, 7] })],
  ['I4', mem({ read: 0, dirty: 1, readOnlys: [[0, true]], maps: [{ 0: 0 }, { 1: 1 }], entries: [5, 7] })],
  // The same key, but dirty holds another entry for it.
  ['I4', mem({ read: 0, dirty: 1, readOnlys: [[0, true]], maps: [{ 0: 0 }, { 0: 1 }], entries: [5, 7] })],
];

describe('state invariants', () => {
  it('a good amended state, the zero Map and a promoted one break none', () => {
    const promoted = mem({ read: 0, readOnlys: [[0, false]], maps: [{ 0: 0, 1: 1 }], entries: [5, P_NIL] });
    const expunged = mem({ read: 0, dirty: 1, readOnlys: [[0, true]], maps: [{ 0: 0, 1: 1 }, { 1: 1 }], entries: [EXPUNGED, 7] });
    for (const m of [GOOD, mem({}), promoted, expunged]) {
      expect(STATE_INVARIANTS.filter((i) => !i.holds(m)).map((i) => i.name)).toEqual([]);
    }
  });

  it.each(BAD)('%s fires on a state built to break it', (name, m) => {
    expect(stateInvariant(name).holds(m)).toBe(false);
    expect(brokenInvariant({ mem: m, gs: [], violated: null })).toBeDefined();
  });

  it('broken() names the most precise cause: a nil entry missing from dirty is I6, not I4', () => {
    const m = BAD.find(([n]) => n === 'I6')![1];
    expect(brokenInvariant({ mem: m, gs: [], violated: null })).toMatch(/^I6/);
  });

  it('a transition recorded on the way comes first', () => {
    expect(brokenInvariant({ mem: GOOD, gs: [], violated: 'I7 e.p changes only as allowed' })).toBe('I7 e.p changes only as allowed');
  });
});

describe('transition invariants, on before/after pairs', () => {
  const locked = { ...GOOD, mu: 0 };
  it('I1: read stored by a goroutine not holding mu', () => {
    const after = { ...GOOD, read: 1, readOnlys: [...GOOD.readOnlys, { m: 1, amended: false }] };
    expect(transition('I1').holds(GOOD, after, 0)).toBe(false);
    expect(transition('I1').holds({ ...GOOD, mu: 1 }, { ...after, mu: 1 }, 0)).toBe(false);
    expect(transition('I1').holds(locked, { ...after, mu: 0 }, 0)).toBe(true);
  });

  it.each([
    ['expunged→value', EXPUNGED, 9, true],
    ['value→expunged', 5, EXPUNGED, true],
    ['nil→expunged without mu', P_NIL, EXPUNGED, false],
    ['expunged→nil without mu', EXPUNGED, P_NIL, false],
  ] as const)('I7: %s', (_name, from, to, holdsMu) => {
    const b = { ...GOOD, mu: holdsMu ? 0 : NONE, entries: [from, 7] };
    expect(transition('I7').holds(b, { ...b, entries: [to, 7] }, 0)).toBe(false);
  });

  it('I7 allows the lock-free moves and the locked ones', () => {
    for (const [from, to] of [[5, 9], [P_NIL, 9], [5, P_NIL]]) expect(transition('I7').holds({ ...GOOD, entries: [from!, 7] }, { ...GOOD, entries: [to!, 7] }, 0)).toBe(true);
    for (const [from, to] of [[P_NIL, EXPUNGED], [EXPUNGED, P_NIL]]) expect(transition('I7').holds({ ...locked, entries: [from!, 7] }, { ...locked, entries: [to!, 7] }, 0)).toBe(true);
  });

  it('I8: misses, the dirty field or dirty\'s contents changed by a goroutine not holding mu after the step', () => {
    const inv = transition('I8 dirty');
    expect(inv.holds(GOOD, { ...GOOD, misses: 1 }, 0)).toBe(false);
    expect(inv.holds(GOOD, { ...GOOD, dirty: NONE }, 0)).toBe(false);
    expect(inv.holds(GOOD, { ...GOOD, maps: [GOOD.maps[0]!, [[0, 0]]] }, 0)).toBe(false);
    // The step after [L] holds mu when its plain accesses run; the one after [U] does not.
    expect(inv.holds(GOOD, { ...locked, misses: 1 }, 0)).toBe(true);
    expect(inv.holds(locked, { ...GOOD, misses: 1 }, 0)).toBe(false);
  });

  it('I8: a promotion that leaves misses as it was', () => {
    const b = { ...locked, misses: 2 };
    const promoted = { ...b, read: 1, dirty: NONE, readOnlys: [...b.readOnlys, { m: 1, amended: false }] };
    expect(transition('I8 a promotion').holds(b, promoted, 0)).toBe(false);
    expect(transition('I8 a promotion').holds(b, { ...promoted, misses: 0 }, 0)).toBe(true);
  });
});

/** Runs `op` to its end on goroutine 0 with the given table; returns the state. */
function runWith(fns: FunctionTable, s: SyncMapState, op: Op): SyncMapState {
  let cur = startOp(fns, s, 0, op, 0);
  for (let n = 0; cur.gs[0]!.op; n++) {
    if (n > 1000) throw new Error('did not finish');
    cur = step(fns, cur, 0).state;
  }
  return cur;
}

describe('transition invariants, through the interpreter', () => {
  const zero: SyncMapState = { mem: mem({}), gs: idleGoroutines(1), violated: null };

  it('a Load patched to store read without mu is caught by I1, and the record sticks', () => {
    const fns = applyPatches(SYNCMAP_FUNCTIONS, [{
      fn: 'Load', pc: 'read',
      replace: {
        line: 111, text: 'm.read.Store(readOnly{}) (atomic store)',
        run: (c) => { c.storeRead(c.newReadOnly(NONE, false)); c.ret({ retValue: 0, retOk: 0 }); },
      },
    }]);
    const s = runWith(fns, zero, { kind: 'access', key: 0 });
    expect(s.violated).toBe('I1 read is stored only under mu');
    const later = runWith(SYNCMAP_FUNCTIONS, s, { kind: 'assign', key: 0, value: 1 });
    expect(brokenInvariant(later)).toBe('I1 read is stored only under mu');
  });

  it('a Store patched to CAS over expunged without mu is caught by I7', () => {
    const expunged: SyncMapState = {
      ...zero, mem: mem({ read: 0, dirty: 1, readOnlys: [[0, true]], maps: [{ 0: 0 }, {}], entries: [EXPUNGED] }),
    };
    const fns = applyPatches(SYNCMAP_FUNCTIONS, [{
      fn: 'e.tryStore', pc: 'load',
      replace: { line: 179, text: 'p := atomic.LoadPointer(&e.p) (atomic load)', run: (c) => { c.v.p = c.loadP(c.v.e!); c.goto('cas'); } },
    }]);
    expect(runWith(fns, expunged, { kind: 'assign', key: 0, value: 3 }).violated).toBe('I7 e.p changes only as allowed');
    expect(runWith(SYNCMAP_FUNCTIONS, expunged, { kind: 'assign', key: 0, value: 3 }).violated).toBeNull();
  });

  it('a Store patched to write dirty after Unlock is caught by I8', () => {
    const fns = applyPatches(SYNCMAP_FUNCTIONS, [{
      fn: 'Store', pc: 'unlock',
      replace: { line: 170, text: 'm.mu.Unlock() (unlock)', run: (c) => { c.unlock(); c.setMisses(9); c.ret(); } },
    }]);
    expect(runWith(fns, zero, { kind: 'assign', key: 0, value: 1 }).violated).toBe('I8 dirty and misses change only under mu');
  });

  it('brokenTransition is what the interpreter calls: nothing for an unchanged memory', () => {
    expect(brokenTransition(GOOD, GOOD, 0)).toBeUndefined();
  });
});

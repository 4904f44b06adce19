/**
 * Go's TestMapRangeNestedCall (sync/map_test.go:199-247, issue 46399), ported. The alphabet's
 * Range bodies cannot nest a Range, so the test adds two callback functions to the table and
 * points the 'delete' body at the outer one: for each key it runs an inner Range, then deletes
 * the key. The inner callback checks what Go's does: Load(key) gives the offered value,
 * LoadOrStore(42) does not load, Store(42, v) then LoadAndDelete(42) gives (v, true). A failed
 * check panics, as t.Fatalf ends Go's test. A final Range must see nothing.
 */
import { describe, expect, it } from 'vitest';
import { BODY_DELETE, BODY_STOP } from '../../../spec/syncmap/constants.js';
import type { Ctx } from '../../../spec/syncmap/ctx.js';
import { SYNCMAP_FUNCTIONS } from '../../../spec/syncmap/functions.js';
import { brokenInvariant } from '../../../spec/syncmap/invariants.js';
import { enabled, idleGoroutines, startOp, step } from '../../../spec/syncmap/machine.js';
import { applyPatches } from '../../../spec/syncmap/patch.js';
import type { FunctionTable, GoFunction } from '../../../spec/syncmap/program.js';
import { type SyncMapState, ZERO_MEM } from '../../../spec/syncmap/state.js';
import { DEADLOCK_MESSAGE, type Op, type OpResult } from '../../../spec/types.js';

/** Key 42 of the Go test; keys 0, 1, 2 hold "hello", "world", "Go" as values 1, 2, 3. */
const K42 = 3;
const DUMMY = 100;
const SYNC_MAP = 200;
/** The inner Range's body code: any code the spec's Range does not use. */
const INNER = 99;

const fatal = (c: Ctx, what: string): void => c.crash({ kind: 'panic', message: `Nested Range ${what}` });

const OUTER_BODY: GoFunction = {
  name: 'outer callback', entry: 'range',
  locals: { key: 'int', value: 'value' },
  points: {
    range: { line: 205, text: 'm.Range(inner)', silent: true, run: (c) => c.call('Range', { body: INNER, value: 0, i: 0 }, 'delete') },
    delete: { line: 234, text: 'm.Delete(key)', silent: true, run: (c) => c.call('Delete', { key: c.v.key! }, 'done') },
    done: { line: 235, text: 'return true', silent: true, run: (c) => c.ret() },
  },
};

const INNER_BODY: GoFunction = {
  name: 'inner callback', entry: 'load',
  locals: { key: 'int', value: 'value', retValue: 'value', retOk: 'int' },
  points: {
    load: { line: 208, text: 'm.Load(key)', silent: true, run: (c) => c.call('Load', { key: c.v.key! }, 'checkLoad') },
    checkLoad: {
      line: 208, text: 'if v, ok := m.Load(key); !ok || v != value', silent: true,
      run: (c) => (c.v.retOk && c.v.retValue === c.v.value
        ? c.call('LoadOrStore', { key: K42, value: DUMMY }, 'checkLoadOrStore')
        : fatal(c, 'loads unexpected value')),
    },
    checkLoadOrStore: {
      line: 215, text: 'if _, loaded := m.LoadOrStore(42, "dummy"); loaded', silent: true,
      run: (c) => (c.v.retOk ? fatal(c, 'loads unexpected value, want store a new value') : c.call('Store', { key: K42, value: SYNC_MAP }, 'loadAndDelete')),
    },
    loadAndDelete: { line: 225, text: 'm.LoadAndDelete(42)', silent: true, run: (c) => c.call('LoadAndDelete', { key: K42 }, 'checkLoadAndDelete') },
    checkLoadAndDelete: {
      line: 225, text: 'if v, loaded := m.LoadAndDelete(42); !loaded || v != val', silent: true,
      run: (c) => (c.v.retOk && c.v.retValue === SYNC_MAP ? c.ret() : fatal(c, 'loads unexpected value')),
    },
  },
};

/** The spec's table, with the callbacks added and Range's callback point calling them. */
function withCallbacks(base: FunctionTable): FunctionTable {
  return applyPatches({ ...base, [OUTER_BODY.name]: OUTER_BODY, [INNER_BODY.name]: INNER_BODY }, [{
  fn: 'Range', pc: 'callback',
  replace: {
    line: 354, text: 'if !f(k, v) { break }', silent: true,
    run: (c) => {
      const args = { key: c.v.key!, value: c.v.retValue! };
      if (c.v.body === BODY_DELETE) c.call(OUTER_BODY.name, args, 'continue');
      else if (c.v.body === INNER) c.call(INNER_BODY.name, args, 'continue');
      else c.goto('continue');
    },
  },
}]);
}

const FNS = withCallbacks(SYNCMAP_FUNCTIONS);

function run(s: SyncMapState, op: Op, fns: FunctionTable = FNS): { state: SyncMapState; result: OpResult | undefined; crash: unknown } {
  let cur = startOp(fns, s, 0, op, 0);
  let result: OpResult | undefined;
  let crash: unknown;
  for (let n = 0; cur.gs[0]!.op; n++) {
    if (n > 10_000) throw new Error('did not finish');
    // One goroutine waiting for a mu it holds itself: Go's checkdead.
    if (!enabled(fns, cur, 0)) return { state: cur, result, crash: { kind: 'fatal', message: DEADLOCK_MESSAGE } };
    const r = step(fns, cur, 0);
    cur = r.state;
    result = r.info.returns ?? result;
    crash = r.crash ?? crash;
  }
  return { state: cur, result, crash };
}

describe('TestMapRangeNestedCall', () => {
  it('nested Ranges see consistent values, and a Range of Deletes empties the map', () => {
    let s: SyncMapState = { mem: ZERO_MEM, gs: idleGoroutines(1), violated: null };
    for (const [k, v] of [[0, 1], [1, 2], [2, 3]] as const) s = run(s, { kind: 'assign', key: k, value: v }).state;
    const outer = run(s, { kind: 'range', body: 'delete' });
    expect(outer.crash).toBeUndefined();
    // The goroutine's pairs are every pair any of its Range frames offered: each outer pair,
    // then the inner Range's, which no longer include the keys the outer callback deleted.
    expect(outer.result).toEqual({
      kind: 'pairs',
      pairs: [[0, 1], [0, 1], [1, 2], [2, 3], [1, 2], [1, 2], [2, 3], [2, 3], [2, 3]],
    });
    const final = run(outer.state, { kind: 'range' });
    expect(final.result).toEqual({ kind: 'pairs', pairs: [] });
    expect(brokenInvariant(final.state)).toBeUndefined();
  });
});

/** Runs the whole Go test on `fns`: what it reports (undefined: it passed). */
function goTest(fns: FunctionTable): string | undefined {
  let s: SyncMapState = { mem: ZERO_MEM, gs: idleGoroutines(1), violated: null };
  for (const [k, v] of [[0, 1], [1, 2], [2, 3]] as const) s = run(s, { kind: 'assign', key: k, value: v }, fns).state;
  const outer = run(s, { kind: 'range', body: 'delete' }, fns);
  if (outer.crash) return JSON.stringify(outer.crash);
  const final = run(outer.state, { kind: 'range' }, fns);
  if (final.crash) return JSON.stringify(final.crash);
  if (final.result?.kind !== 'pairs' || final.result.pairs.length > 0) return `Unexpected sync.Map size: ${JSON.stringify(final.result)}`;
  return undefined;
}


/**
 * A Range that calls f with mu held (the bug Go's test guards against, and tinygo once had):
 * it takes mu whatever read says and releases it after the loop. No callback of the alphabet
 * ever takes mu (Range only visits keys of read.m, whose Store and Delete are lock-free), so the
 * explorer cannot tell it from Go; the Go test's LoadOrStore(42) can.
 */
const RANGE_UNDER_LOCK = applyPatches(SYNCMAP_FUNCTIONS, [
  { fn: 'Range', pc: 'read', replace: { line: 332, text: 'read, _ := m.read.Load().(readOnly) (atomic load)', run: (c) => { c.v.read = c.loadRead(); c.goto('lock'); } } },
  { fn: 'Range', pc: 'reload', replace: { line: 339, text: 'read, _ = m.read.Load().(readOnly) (atomic load)', run: (c) => { c.v.read = c.loadRead(); c.goto(c.readAmended(c.v.read) ? 'takeDirty' : 'next'); } } },
  { fn: 'Range', pc: 'resetMisses', replace: { line: 344, text: 'm.misses = 0', silent: true, run: (c) => { c.setMisses(0); c.goto('next'); } } },
  {
    fn: 'Range', pc: 'next',
    replace: {
      line: 349, text: 'for k, e := range read.m', silent: true,
      run: (c) => {
        const pair = c.readAt(c.v.read!, c.v.i!);
        if (pair === undefined) return c.goto('unlockAtEnd');
        c.v.key = pair[0];
        c.call('e.load', { e: pair[1] }, 'loaded');
      },
    },
  },
  {
    // 'stop' breaks out of the loop: it must release mu too.
    fn: 'Range', pc: 'callback',
    replace: {
      line: 354, text: 'if !f(k, v) { break }', silent: true,
      run: (c) => (c.v.body === BODY_STOP ? c.goto('unlockAtEnd') : SYNCMAP_FUNCTIONS.Range!.points.callback!.run(c)),
    },
  },
  { fn: 'Range', pc: 'unlockAtEnd', add: { line: 357, text: 'm.mu.Unlock() (unlock)', run: (c) => { c.unlock(); c.ret(); } } },
]);

describe('the port can fail', () => {
  it('passes on Go\'s sync.Map', () => {
    expect(goTest(FNS)).toBeUndefined();
  });

  it('a Range that calls f with mu held deadlocks in the inner callback\'s LoadOrStore', () => {
    expect(goTest(withCallbacks(RANGE_UNDER_LOCK))).toContain(DEADLOCK_MESSAGE);
  });
});

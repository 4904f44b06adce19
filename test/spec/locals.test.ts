/**
 * Dead locals dropped (spec/hmap/locals.ts). The reduction must reach exactly the end states of
 * the search that keeps every local, key for key, in fewer states; and its table must be
 * checked, not trusted: a table that calls a needed local dead stops the run.
 */
import { describe, expect, it } from 'vitest';
import { explore } from '../../checker/explore/search.js';
import { type MapConfig, SMALL } from '../../spec/config.js';
import { HMAP_FUNCTIONS, HMAP_FUNCTIONS_KEEPING_LOCALS } from '../../spec/hmap/functions.js';
import { HMAP_LIVE_LOCALS } from '../../spec/hmap/live-locals.js';
import { DeadLocalError } from '../../spec/locals.js';
import { type FunctionTable, IDLE, startOp, step } from '../../spec/hmap/machine.js';
import type { GoFunction } from '../../spec/hmap/program.js';
import { makeHmap } from '../../spec/hmap/state.js';
import { liveTable } from '../../spec/locals.js';
import { hmapTarget } from '../../spec/hmap/target.js';
import { SYNCMAP_FUNCTIONS, SYNCMAP_FUNCTIONS_KEEPING_LOCALS } from '../../spec/syncmap/functions.js';
import { MUTANTS, mutate } from '../../spec/syncmap/index.js';
import { SYNCMAP_LIVE_LOCALS } from '../../spec/syncmap/live-locals.js';
import type { FunctionTable as SyncmapFunctions } from '../../spec/syncmap/program.js';
import { syncmapTarget } from '../../spec/syncmap/target.js';
import type { Target } from '../../spec/target.js';
import { COLLIDE } from '../../spec/wide-configs.js';

interface Ends {
  keys: string[];
  classes: string[];
  states: number;
  verdict: boolean;
}

function ends(fns: FunctionTable, cfg: MapConfig, depth: number, goroutines: number, keys: number, preemptions?: number): Ends {
  return endsOf(hmapTarget(cfg, fns) as Target<unknown>, cfg, depth, goroutines, keys, preemptions);
}

function endsOf(target: Target<unknown>, cfg: MapConfig, depth: number, goroutines: number, keys: number, preemptions?: number): Ends {
  const found: string[] = [];
  const r = explore(target, {
    depth, goroutines, keys, cfg, ...(preemptions === undefined ? {} : { preemptions }), onEnd: (k) => found.push(k),
  });
  return { keys: found.sort(), classes: [...r.outcomes.keys()].sort(), states: r.states, verdict: r.breached };
}

const CASES: Array<{ cfg: MapConfig; depth: number; goroutines: number; keys: number; preemptions?: number }> = [
  { cfg: SMALL, depth: 2, goroutines: 2, keys: 2 },
  { cfg: SMALL, depth: 2, goroutines: 3, keys: 1 },
  { cfg: SMALL, depth: 4, goroutines: 2, keys: 2, preemptions: 1 },
  { cfg: COLLIDE, depth: 2, goroutines: 2, keys: 3 },
  { cfg: COLLIDE, depth: 3, goroutines: 2, keys: 3, preemptions: 1 },
];

describe.each(CASES)('$cfg.name, depth $depth, $goroutines goroutines, $keys keys, preemptions $preemptions', (c) => {
  it('reaches exactly the end states of the search keeping every local, in no more states', () => {
    const dropped = ends(HMAP_FUNCTIONS, c.cfg, c.depth, c.goroutines, c.keys, c.preemptions);
    const kept = ends(HMAP_FUNCTIONS_KEEPING_LOCALS, c.cfg, c.depth, c.goroutines, c.keys, c.preemptions);
    expect(dropped.keys).toEqual(kept.keys);
    expect(dropped.classes).toEqual(kept.classes);
    expect(dropped.verdict).toBe(kept.verdict);
    // Under a bound of one preemption, COLLIDE's racy windows are short: nothing to merge there.
    if (c.cfg === COLLIDE && c.preemptions !== undefined) expect(dropped.states).toBe(kept.states);
    else expect(dropped.states).toBeLessThan(kept.states);
  });
});

describe.each([
  { depth: 3, goroutines: 2, keys: 2 },
  { depth: 3, goroutines: 3, keys: 2 },
])('sync.Map, depth $depth, $goroutines goroutines, $keys keys', (c) => {
  it('reaches exactly the end states of the search keeping every local, in fewer states', () => {
    const search = (fns: SyncmapFunctions): Ends => endsOf(syncmapTarget(SMALL, undefined, fns) as Target<unknown>, SMALL, c.depth, c.goroutines, c.keys);
    const dropped = search(SYNCMAP_FUNCTIONS);
    const kept = search(SYNCMAP_FUNCTIONS_KEEPING_LOCALS);
    expect(dropped.keys).toEqual(kept.keys);
    expect(dropped.classes).toEqual(kept.classes);
    expect(dropped.states).toBeLessThan(kept.states);
  });
});

describe("sync.Map's mutants", () => {
  it('keep every local in the functions they patch, whose table no longer fits', () => {
    for (const m of MUTANTS) {
      const fns = mutate(SYNCMAP_FUNCTIONS, m);
      const patched = new Set(m.patches.map((p) => p.fn));
      for (const [name, fn] of Object.entries(fns)) expect(fn.live === undefined, `${m.name}: ${name}`).toBe(patched.has(name));
    }
  });
});

/** HMAP_FUNCTIONS with one local taken out of the table at one point. */
function withoutLive(fn: string, pc: string, local: string): FunctionTable {
  const f = HMAP_FUNCTIONS[fn]!;
  const row = new Set(f.live![pc]);
  expect(row.delete(local), `${local} is live at ${fn}.${pc} in the table`).toBe(true);
  return { ...HMAP_FUNCTIONS, [fn]: { ...f, live: { ...f.live, [pc]: row } } };
}

function assignOnce(fns: FunctionTable): void {
  const t = hmapTarget(SMALL, fns);
  let s = t.start(t.init(SMALL, 1), 0, { kind: 'assign', key: 0, value: 1 }, 0);
  while (!t.idle(s, 0)) s = t.step(s, 0).state;
}

describe('the liveness table is checked on every step', () => {
  it('passes a run with the real table', () => {
    expect(() => assignOnce(HMAP_FUNCTIONS)).not.toThrow();
  });

  it('stops a point that reads a local the table calls dead there', () => {
    // toggleStore stores the flags toggleLoad loaded.
    expect(() => assignOnce(withoutLive('mapassign', 'toggleStore', 'flags'))).toThrow(DeadLocalError);
    expect(() => assignOnce(withoutLive('mapassign', 'toggleStore', 'flags'))).toThrow(/mapassign\.toggleStore reads local flags/);
  });

  it('stops a move to a point that needs a local the table dropped before it', () => {
    // The key is needed all the way to storeKey; calling it dead at bucketsNil would drop it there.
    expect(() => assignOnce(withoutLive('mapassign', 'bucketsNil', 'key'))).toThrow(/needs local key, which the liveness table says is dead at bucketsNil/);
  });

  it('has a row for every point but the two no variant of the lookup reaches', () => {
    const missing: string[] = [];
    for (const [name, fn] of Object.entries(HMAP_FUNCTIONS)) {
      for (const pc of Object.keys(fn.points)) if (!HMAP_LIVE_LOCALS[name]?.[pc]) missing.push(`${name}.${pc}`);
    }
    // mapaccess2 is never given a key by pointer, and mapaccessK has no flags check (lookup.ts).
    expect(missing).toEqual(['mapaccess2.loadKey', 'mapaccessK.flags']);
  });

  it("has a row for every point of sync.Map's functions", () => {
    for (const [name, fn] of Object.entries(SYNCMAP_FUNCTIONS)) {
      for (const pc of Object.keys(fn.points)) expect(SYNCMAP_LIVE_LOCALS[name]?.[pc], `${name}.${pc}`).toBeDefined();
    }
  });
});

describe('result locals', () => {
  // A callee that writes its result in one point and returns from the next, with a table that
  // (wrongly, as no point reads it) calls the result dead in between: the return still copies it.
  const callee: GoFunction = {
    name: 'callee', file: 'test.go', entry: 'write', pointerVars: [],
    live: liveTable({ write: [], back: [] }),
    points: {
      write: { line: 1, text: 'retb = 7', silent: true, run: (c) => { c.v.retb = 7; c.goto('back'); } },
      back: { line: 2, text: 'return', silent: true, run: (c) => c.ret() },
    },
  };
  const caller: GoFunction = {
    name: 'caller', file: 'test.go', entry: 'call', pointerVars: [],
    live: liveTable({ call: ['retb'], after: ['retb'] }),
    points: {
      call: { line: 3, text: 'callee()', silent: true, run: (c) => c.call('callee', {}, 'after') },
      after: { line: 4, text: 'len (load)', run: (c) => { c.load({ field: 'count' }); c.finish({ kind: 'value', value: c.v.retb!, ok: true }); } },
    },
  };
  it('are never dropped, so a callee\'s result reaches its caller', () => {
    const fns: FunctionTable = { caller, callee };
    const s = startOp(SMALL, fns, () => ({ fn: 'caller', args: {} }), { h: makeHmap(SMALL.initialB, SMALL.bucketCnt), gs: [IDLE] }, 0, { kind: 'len' }, 0);
    const out = step(SMALL, fns, () => 'len', s, 0);
    expect(out.info.returns).toEqual({ kind: 'value', value: 7, ok: true });
  });
});

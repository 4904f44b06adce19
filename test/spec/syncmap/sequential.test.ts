/**
 * Sequential fidelity: run by one goroutine, every program of sync.Map operations gives the
 * sequential model's results, with every invariant holding after every operation, and no step
 * writes into the state it was given. The calls a Range callback makes are applied to the model
 * as operations of their own, in the order they return.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SMALL } from '../../../spec/config.js';
import { describeOp } from '../../../spec/describe.js';
import { type MapModelState, modelInit, modelStep } from '../../../spec/model.js';
import { contents } from '../../../spec/syncmap/contents.js';
import type { SyncMapState } from '../../../spec/syncmap/state.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import type { Op, OpResult, StepInfo } from '../../../spec/types.js';
import { deepFreeze, runOp } from '../run.js';
import { syncProgramArb, withSyncValues } from './helpers.js';

const KEYS = 3;
const t = syncmapTarget(SMALL);

/** The unsafe-looking paths a batch of programs went through, counted per program. */
interface Coverage {
  expunge: number; // tryExpungeLocked's CAS nil→expunged
  unexpunge: number; // unexpungeLocked's CAS expunged→nil
  missPromote: number; // missLocked promoted dirty
  rangePromote: number; // Range promoted dirty
  dirtyDelete: number; // LoadAndDelete deleted a dirty-only key
  nested: number; // a Range callback called Delete or Store
}

const LABEL_SHAPE = /^[A-Za-z.]+: .+ \((atomic load|atomic store|atomic CAS|lock|unlock)\)$/;

/** What the steps of one operation did, as coverage. */
function covered(steps: readonly StepInfo[]): Set<keyof Coverage> {
  const out = new Set<keyof Coverage>();
  for (const s of steps) {
    if (s.label.startsWith('e.tryExpungeLocked') && s.detail.includes('nil→expunged')) out.add('expunge');
    if (s.label.startsWith('e.unexpungeLocked') && s.detail.includes('expunged→nil')) out.add('unexpunge');
    if (s.label.startsWith('missLocked: m.read.Store')) out.add('missPromote');
    if (s.label.startsWith('Range: m.read.Store')) out.add('rangePromote');
    if (s.detail.includes('delete(dirty')) out.add('dirtyDelete');
    if (s.nestedCall) out.add('nested');
  }
  return out;
}

/** What a Range should give when run alone: the model's pairs in key order, or the first for 'stop'. */
/**
 * A Range's pairs against the model's: every live pair once, in any order (Go's order is
 * unspecified; the spec's, the order keys were added, is tested on its own below). A Range that
 * stops visits exactly one of them.
 */
function checkRange(result: OpResult | undefined, model: MapModelState, op: Extract<Op, { kind: 'range' }>, where: string): void {
  const want = modelStep(model, { kind: 'range' }).result;
  if (result?.kind !== 'pairs' || want.kind !== 'pairs') throw new Error(`${where}: a Range gave no pairs`);
  const got = [...result.pairs].sort((a, b) => a[0] - b[0]);
  if (op.body !== 'stop') return void expect(got, `${where}: pairs`).toEqual(want.pairs);
  expect(got.length, `${where}: pairs visited before stopping`).toBe(Math.min(1, want.pairs.length));
  for (const pair of got) expect(want.pairs, `${where}: the pair visited`).toContainEqual(pair);
}

/** Checks every step's description, and applies the nested calls' effects to the model. */
function checkSteps(steps: readonly StepInfo[], model: MapModelState, where: string): MapModelState {
  let nested: Op | undefined;
  steps.forEach((s, i) => {
    expect(s.label, `${where}: label`).toMatch(LABEL_SHAPE);
    expect(s.goLine, `${where}: goLine`).toMatch(/^sync\/map\.go:\d+$/);
    expect(s.access).toBe('atomic');
    expect(s.call === true, `${where}: call only on the first step`).toBe(i === 0);
    expect(s.returns !== undefined, `${where}: returns only on the last step`).toBe(i === steps.length - 1);
    if (s.nestedCall) {
      expect(nested, `${where}: nested calls do not overlap`).toBeUndefined();
      nested = s.nestedCall;
    }
    if (s.nestedReturns) {
      expect(nested, `${where}: a nested return follows its call`).toBeDefined();
      const want = modelStep(model, nested!);
      expect(s.nestedReturns, `${where}: nested ${describeOp(nested!)}`).toEqual(want.result);
      model = want.state;
      nested = undefined;
    }
  });
  expect(nested, `${where}: every nested call returned`).toBeUndefined();
  return model;
}

function checkProgram(ops: readonly Op[], cov: Coverage): void {
  let s: SyncMapState = deepFreeze(t.init(SMALL, 1));
  let model = modelInit(KEYS);
  const seen = new Set<keyof Coverage>();
  for (const [i, op] of ops.entries()) {
    const where = `op ${i} (${describeOp(op)})`;
    // Every state start and step are given is frozen: a spec that writes into one throws here.
    const r = runOp(t, s, 0, op, i, deepFreeze);
    expect(r.crash, `${where}: crashed`).toBeUndefined();
    if (op.kind === 'range') {
      checkRange(r.result, model, op, where);
      model = checkSteps(r.steps, model, where);
    } else {
      const want = modelStep(model, op);
      expect(r.result, `${where}: result`).toEqual(want.result);
      checkSteps(r.steps, model, where);
      model = want.state;
    }
    s = deepFreeze(r.state);
    expect(t.idle(s, 0)).toBe(true);
    expect(t.broken(s), `${where}: invariant broken`).toBeUndefined();
    expect(contents(s.mem, KEYS), `${where}: contents`).toEqual([...model]);
    for (const c of covered(r.steps)) seen.add(c);
  }
  for (const c of seen) cov[c]++;
}

describe('sequential fidelity', () => {
  it('random programs of up to 50 operations match the model, with every invariant holding (1000 programs)', () => {
    const cov: Coverage = { expunge: 0, unexpunge: 0, missPromote: 0, rangePromote: 0, dirtyDelete: 0, nested: 0 };
    fc.assert(fc.property(syncProgramArb(KEYS), (ops) => checkProgram(ops, cov)), { numRuns: 1000 });
    // The property is only as strong as the paths it went through.
    for (const [path, programs] of Object.entries(cov)) expect(programs, `programs through ${path}`).toBeGreaterThan(20);
  });
});

/** Runs a program on one goroutine and returns every operation's steps. */
function run(ops: Op[]): { state: SyncMapState; steps: StepInfo[][] } {
  let s = t.init(SMALL, 1);
  const steps: StepInfo[][] = [];
  for (const [i, op] of withSyncValues(ops).entries()) {
    const r = runOp(t, s, 0, op, i);
    expect(r.crash).toBeUndefined();
    steps.push(r.steps);
    s = r.state;
  }
  return { state: s, steps };
}

const store = (key: number): Op => ({ kind: 'assign', key, value: 0 });
const load = (key: number): Op => ({ kind: 'access', key });
const del = (key: number): Op => ({ kind: 'delete', key });

describe('the unsafe-looking paths, one program each', () => {
  it('a new key goes to dirty only, and read is marked amended', () => {
    const { state } = run([store(0)]);
    const ro = state.mem.readOnlys[state.mem.read]!;
    expect(ro.amended).toBe(true);
    expect(state.mem.maps[state.mem.dirty]).toEqual([[0, 0]]);
  });

  it('a Load that misses len(dirty) times promotes dirty and resets misses', () => {
    const { state, steps } = run([store(0), store(1), load(0), load(1)]);
    expect(covered(steps[2]!).has('missPromote')).toBe(false);
    expect(covered(steps[3]!).has('missPromote')).toBe(true);
    expect(state.mem.dirty).toBe(-1);
    expect(state.mem.misses).toBe(0);
  });

  it('the next new key after a delete expunges the deleted entry, and a Store unexpunges it', () => {
    const { state, steps } = run([store(0), load(0), del(0), store(1), store(0)]);
    expect(covered(steps[3]!).has('expunge')).toBe(true);
    expect(covered(steps[4]!).has('unexpunge')).toBe(true);
    expect(contents(state.mem, 2)).toEqual([5, 4]);
  });

  it('deleting a key that only dirty holds removes it from dirty (TestIssue40999)', () => {
    // Delete(k2) counts a miss (1 < len 2 after the delete), so dirty stays to be looked at.
    const { state } = run([store(0), store(1), store(2), del(2)]);
    expect(state.mem.dirty).not.toBe(-1);
    expect(state.mem.maps[state.mem.dirty]!.map(([k]) => k)).toEqual([0, 1]);
    expect(state.mem.misses).toBe(1);
  });

  it('Range promotes an amended read first, and visits keys in the order they were added', () => {
    const { steps } = run([store(1), store(0), { kind: 'range' }]);
    expect(covered(steps[2]!).has('rangePromote')).toBe(true);
    expect(steps[2]!.at(-1)!.returns).toEqual({ kind: 'pairs', pairs: [[1, 1], [0, 2]] });
  });

  it('a key deleted from dirty and stored again is visited last', () => {
    const { steps } = run([store(1), store(0), del(1), store(1), { kind: 'range' }]);
    expect(steps[4]!.at(-1)!.returns).toEqual({ kind: 'pairs', pairs: [[0, 2], [1, 4]] });
  });
});

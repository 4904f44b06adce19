/**
 * Helpers for the spec tests: run one goroutine's operations sequentially through a target,
 * generate programs, and freeze states so a spec that mutates its input fails loudly.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { type MapModelState, modelStep, resultsMatch } from '../../spec/model.js';
import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import type { Crash, Op, OpResult, StepInfo } from '../../spec/types.js';

/** What running one operation to its end on goroutine g gave. */
export interface OpRun<S> {
  state: S;
  steps: StepInfo[];
  /** The result the operation's last step returned (undefined if it crashed). */
  result: OpResult | undefined;
  crash: Crash | undefined;
}

/** Bound on the steps of one operation: a spec that loops shows up as a failure, not a hang. */
const MAX_STEPS_PER_OP = 100_000;

/**
 * Starts `op` on idle goroutine g and steps it until it is idle again. `beforeStep` sees the
 * state each step is taken from (to freeze or clone it).
 */
export function runOp<S>(t: Target<S>, s: S, g: number, op: Op, opIndex: number, beforeStep?: (s: S) => void): OpRun<S> {
  let state = t.start(s, g, op, opIndex);
  const steps: StepInfo[] = [];
  let result: OpResult | undefined;
  let crash: Crash | undefined;
  while (!t.idle(state, g)) {
    if (steps.length >= MAX_STEPS_PER_OP) throw new Error(`operation ${opIndex} did not finish in ${MAX_STEPS_PER_OP} steps`);
    beforeStep?.(state);
    const r = t.step(state, g);
    state = r.state;
    steps.push(r.info);
    if (r.info.returns) result = r.info.returns;
    if (r.crash) {
      crash = r.crash;
      break;
    }
  }
  return { state, steps, result, crash };
}

/**
 * Checks one sequential operation's run against the model: no crash, the model's result, the
 * goroutine idle again and every invariant holding. Returns the model's next state.
 */
export function expectLikeModel<S>(t: Target<S>, r: OpRun<S>, model: MapModelState, op: Op, where: string): MapModelState {
  expect(r.crash, `${where}: crashed`).toBeUndefined();
  const want = modelStep(model, op);
  expect(r.result, `${where}: no result`).toBeDefined();
  expect(resultsMatch(want.result, r.result!), `${where}: got ${JSON.stringify(r.result)}, model ${JSON.stringify(want.result)}`).toBe(true);
  expect(t.idle(r.state, 0)).toBe(true);
  expect(t.broken(r.state), `${where}: invariant broken`).toBeUndefined();
  return want.state;
}

/** Runs a whole program on goroutine 0 of a one-goroutine machine; stops at the first crash. */
export function runProgram<S>(t: Target<S>, cfg: MapConfig, ops: readonly Op[]): { state: S; runs: OpRun<S>[] } {
  let s = t.init(cfg, 1);
  const runs: OpRun<S>[] = [];
  for (const [i, op] of ops.entries()) {
    const r = runOp(t, s, 0, op, i);
    runs.push(r);
    s = r.state;
    if (r.crash) break;
  }
  return { state: s, runs };
}

/** Freezes `x` and everything reachable from it; already-frozen subtrees were frozen whole. */
export function deepFreeze<T>(x: T): T {
  if (typeof x !== 'object' || x === null || Object.isFrozen(x)) return x;
  Object.freeze(x);
  for (const v of Object.values(x)) deepFreeze(v);
  return x;
}

/** How often each kind of operation turns up in generated programs (relative weights). */
export interface OpMix {
  assign: number;
  access: number;
  delete: number;
  range: number;
  len: number;
  clear: number;
}

/** Assigns weigh most so maps fill up and grow; every other path still turns up often. */
export const BALANCED: OpMix = { assign: 8, access: 4, delete: 4, range: 1, len: 1, clear: 1 };

/** Mostly assigns, rare clears: for configurations that need many live keys to grow. */
export const FILLING: OpMix = { assign: 24, access: 4, delete: 3, range: 1, len: 1, clear: 1 };

/** One operation with key in 0..keyCount-1; assign values are filled in by `withValues`. */
function opArb(keyCount: number, mix: OpMix): fc.Arbitrary<Op> {
  const key = fc.nat({ max: keyCount - 1 });
  return fc.oneof(
    { arbitrary: key.map((k): Op => ({ kind: 'assign', key: k, value: 0 })), weight: mix.assign },
    { arbitrary: key.map((k): Op => ({ kind: 'access', key: k })), weight: mix.access },
    { arbitrary: key.map((k): Op => ({ kind: 'delete', key: k })), weight: mix.delete },
    { arbitrary: fc.constant<Op>({ kind: 'range' }), weight: mix.range },
    { arbitrary: fc.constant<Op>({ kind: 'len' }), weight: mix.len },
    { arbitrary: fc.constant<Op>({ kind: 'clear' }), weight: mix.clear },
  );
}

/** A program over all keys of the configuration; assign values are opIndex+1, unique and ≥ 1. */
export function programArb(
  keyCount: number,
  { minLength = 0, maxLength = 50, mix = BALANCED }: { minLength?: number; maxLength?: number; mix?: OpMix } = {},
): fc.Arbitrary<Op[]> {
  // size 'max': lengths spread over the whole range (fast-check's default keeps arrays near 10).
  return fc.array(opArb(keyCount, mix), { minLength, maxLength, size: 'max' }).map(withValues);
}

/** Gives every assign the value opIndex+1, as the checker does (values unique per operation). */
export function withValues(ops: readonly Op[]): Op[] {
  return ops.map((op, i) => (op.kind === 'assign' ? { ...op, value: i + 1 } : op));
}

export { seededHashes } from '../../spec/wide-configs.js';

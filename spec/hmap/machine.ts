import type { MapConfig } from '../config.js';
import type { Crash, Op, OpResult, StepInfo } from '../types.js';
import { Ctx } from './ctx.js';
import type { Frame, GoFunction, Point } from './program.js';
import { checkedLocals, keepLive, moveLocals } from '../locals.js';
import type { Hmap } from './state.js';

/** One goroutine: the operation it is running (null between operations) and its call stack. */
export interface GState {
  readonly op: Op | null;
  /** Index of the running operation in this goroutine's program. */
  readonly opIndex: number;
  /** 1 once the running operation has made its first step (its call is then visible). */
  readonly called: number;
  readonly frames: readonly Frame[];
  /** Pairs a range loop has copied out so far, flattened [k, v, k, v, ...]. */
  readonly pairs: readonly number[];
}

/** The whole machine: the shared map and every goroutine. */
export interface MState {
  readonly h: Hmap;
  readonly gs: readonly GState[];
}

export const IDLE: GState = { op: null, opIndex: -1, called: 0, frames: [], pairs: [] };

/** What one step did. */
export interface StepResult {
  state: MState;
  info: StepInfo;
  crash?: Crash;
}

export type FunctionTable = Readonly<Record<string, GoFunction>>;

/** How an operation begins: the Go function it calls first and that function's arguments. */
export type OpEntry = (op: Op) => { fn: string; args: Record<string, number> };

const SETTLE_LIMIT = 10_000;

/**
 * Runs silent points until the goroutine stands at an access (or has finished or crashed).
 * Returns the new stack, and the result or crash if the operation ended among the silent points.
 */
function settle(cfg: MapConfig, fns: FunctionTable, h: Hmap, frames: Frame[]): {
  h: Hmap; frames: Frame[]; result?: OpResult; crash?: Crash; yielded: number[];
} {
  const yielded: number[] = [];
  for (let n = 0; frames.length > 0; n++) {
    if (n > SETTLE_LIMIT) throw new Error('the spec is not terminating here: silent points loop');
    const top = frames[frames.length - 1]!;
    const point = pointOf(fns, top);
    if (!point.silent) break;
    const { c, written } = runPoint(cfg, fns, h, top, point, false);
    if (c.accesses !== 0) throw new Error(`the spec is inconsistent: silent point ${top.fn}.${top.pc} made an access`);
    const out = transfer(fns, c, frames, top, written);
    h = c.h;
    frames = out.frames;
    if (c.yielded) yielded.push(...c.yielded);
    if (out.result || out.crash) return { h, frames: [], result: out.result, crash: out.crash, yielded };
  }
  return { h, frames, yielded };
}

/**
 * Runs one point on a copy of the frame's locals, seen through the function's liveness check
 * (spec/locals.ts); `written` is what it wrote, for the check when control moves.
 */
function runPoint(cfg: MapConfig, fns: FunctionTable, h: Hmap, top: Frame, point: Point, detail: boolean): { c: Ctx; written: ReadonlySet<string> } {
  const raw = { ...top.v };
  const { v, written } = checkedLocals(top.fn, top.pc, fns[top.fn]!.live, raw);
  const c = new Ctx(cfg, h, v, detail);
  point.run(c);
  c.v = raw;
  return { c, written };
}

function pointOf(fns: FunctionTable, f: Frame) {
  const fn = fns[f.fn];
  const point = fn?.points[f.pc];
  if (!fn || !point) throw new Error(`the spec is inconsistent: no point ${f.fn}.${f.pc}`);
  return point;
}

/** Applies the control transfer a point asked for to the call stack. */
function transfer(fns: FunctionTable, c: Ctx, frames: Frame[], top: Frame, written: ReadonlySet<string>): { frames: Frame[]; result?: OpResult; crash?: Crash } {
  const ctl = c.control;
  if (!ctl) throw new Error(`the spec is inconsistent: ${top.fn}.${top.pc} did not say where control goes`);
  const below = frames.slice(0, -1);
  const fn = fns[top.fn]!;
  switch (ctl.kind) {
    case 'goto':
      return { frames: [...below, { fn: top.fn, pc: ctl.pc, v: moveLocals(top.fn, fn.live, top.pc, ctl.pc, c.v, written) }] };
    case 'call':
    {
      const callee = fns[ctl.fn];
      if (!callee) throw new Error(`the spec is inconsistent: no function ${ctl.fn}`);
      const args = keepLive(callee.live?.[callee.entry], ctl.args);
      return { frames: [...below, { fn: top.fn, pc: ctl.then, v: moveLocals(top.fn, fn.live, top.pc, ctl.then, c.v, written) }, { fn: ctl.fn, pc: callee.entry, v: args }] };
    }
    case 'return': {
      const caller = below[below.length - 1];
      if (!caller) throw new Error(`the spec is inconsistent: ${top.fn} returned from the bottom frame`);
      // Results travel in the callee's locals named ret*, copied into the caller's.
      const v = { ...caller.v };
      for (const [k, val] of Object.entries(c.v)) if (k.startsWith('ret')) v[k] = val;
      if (ctl.value !== undefined) v.ret = ctl.value;
      return { frames: [...below.slice(0, -1), { fn: caller.fn, pc: caller.pc, v: keepLive(fns[caller.fn]!.live?.[caller.pc], v) }] };
    }
    case 'finish':
      return { frames: [], result: ctl.result };
    case 'crash':
      return { frames: [], crash: ctl.crash };
  }
}

/** Starts `op` on idle goroutine g; no step is taken yet (starting makes no access). */
export function startOp(cfg: MapConfig, fns: FunctionTable, entry: OpEntry, s: MState, g: number, op: Op, opIndex: number): MState {
  const { fn, args } = entry(op);
  const callee = fns[fn];
  if (!callee) throw new Error(`the spec is inconsistent: no function ${fn}`);
  const gs = s.gs.slice();
  gs[g] = { op, opIndex, called: 0, frames: [{ fn, pc: callee.entry, v: keepLive(callee.live?.[callee.entry], args) }], pairs: [] };
  const out = settle(cfg, fns, s.h, [...gs[g]!.frames]);
  if (out.result || out.crash) throw new Error(`the spec is inconsistent: ${fn} ended before its first access`);
  gs[g] = { op, opIndex, called: 0, frames: out.frames, pairs: [] };
  return { h: out.h, gs };
}

/** Runs goroutine g's next step: exactly one shared access, then any silent points after it. */
export function step(cfg: MapConfig, fns: FunctionTable, describe: (op: Op) => string, s: MState, g: number, detail = true): StepResult {
  const gst = s.gs[g]!;
  if (!gst.op || gst.frames.length === 0) throw new Error(`goroutine ${g} has no step to run`);
  const frames = [...gst.frames];
  const top = frames[frames.length - 1]!;
  const fn = fns[top.fn]!;
  const point = pointOf(fns, top);
  const { c, written } = runPoint(cfg, fns, s.h, top, point, detail);
  if (c.accesses !== 1 && !c.crashed) {
    throw new Error(`the spec is inconsistent: ${top.fn}.${top.pc} made ${c.accesses} accesses in one step`);
  }
  const moved = transfer(fns, c, frames, top, written);
  const pairs = [...gst.pairs, ...(c.yielded ?? [])];
  let out: ReturnType<typeof settle> = { h: c.h, frames: moved.frames, result: moved.result, crash: moved.crash, yielded: [] };
  if (!moved.result && !moved.crash) out = settle(cfg, fns, c.h, moved.frames);
  pairs.push(...out.yielded);
  const ended = out.result !== undefined || out.crash !== undefined;
  const result = out.result?.kind === 'pairs' ? pairsResult(pairs) : out.result;
  const gs = s.gs.slice();
  // A literal, not { ...gst, ... }: see withHmap in state.ts.
  gs[g] = ended ? IDLE : { op: gst.op, opIndex: gst.opIndex, called: 1, frames: out.frames, pairs };
  const info: StepInfo = {
    goroutine: g,
    opIndex: gst.opIndex,
    op: detail ? describe(gst.op) : '',
    label: `${point.fn ?? fn.name}: ${point.text}`,
    goLine: detail ? `${point.file ?? fn.file}:${point.line}` : '',
    reads: c.reads,
    writes: c.writes,
    access: c.atomic ? 'atomic' : 'plain',
    detail: detail ? c.details.join('; ') : '',
  };
  if (!gst.called) info.call = true;
  if (result) info.returns = result;
  if (out.crash) info.crash = out.crash;
  return { state: { h: out.h, gs }, info, crash: out.crash };
}

function pairsResult(flat: number[]): OpResult {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  return { kind: 'pairs', pairs };
}

/** The label goroutine g's next step will carry (for replay checks and scheduling hooks). */
export function nextLabel(fns: FunctionTable, s: MState, g: number): string | undefined {
  const gst = s.gs[g]!;
  const top = gst.frames[gst.frames.length - 1];
  if (!top) return undefined;
  const fn = fns[top.fn]!;
  const point = pointOf(fns, top);
  return `${point.fn ?? fn.name}: ${point.text}`;
}

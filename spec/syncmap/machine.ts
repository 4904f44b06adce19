import { describeOp } from '../describe.js';
import { checkedLocals, keepLive, moveLocals } from '../locals.js';
import { remembered } from '../remember.js';
import type { Crash, Op, OpResult, StepInfo } from '../types.js';
import { NONE } from './constants.js';
import { Ctx, emptyLog, type StepLog } from './ctx.js';
import { resultOf, syncmapEntry } from './functions.js';
import { brokenTransition } from './invariants.js';
import type { Frame, FunctionTable, Point } from './program.js';
import { type GState, IDLE, type Mem, type SyncMapState } from './state.js';

/** Bound on silent points in a row: a spec whose control flow loops fails instead of hanging. */
const SETTLE_LIMIT = 10_000;

/** One goroutine while a step runs: mutable scratch, built from and turned back into a GState. */
interface Run {
  mem: Mem;
  frames: Frame[];
  nested: Op | null;
  nestedBase: number;
  /** A nested operation began during this step (its first step is still to come). */
  nestedBegan: boolean;
  log: StepLog;
  result?: OpResult;
  nestedReturns?: OpResult;
  crash?: Crash;
}

function pointOf(fns: FunctionTable, f: Frame): Point {
  const point = fns[f.fn]?.points[f.pc];
  if (!point) throw new Error(`the spec is inconsistent: no point ${f.fn}.${f.pc}`);
  return point;
}

/** Every local a frame holds must be declared, so encode knows how to canonicalize it. */
function checkLocals(fns: FunctionTable, fn: string, v: Readonly<Record<string, number>>): void {
  const locals = fns[fn]!.locals;
  for (const k in v) {
    if (!(k in locals)) throw new Error(`the spec is inconsistent: ${fn} sets undeclared local ${k}`);
  }
}

/** Runs the point at the top of the stack and applies the control transfer it asked for. */
function exec(fns: FunctionTable, op: Op, g: number, r: Run, pairs: readonly number[]): number {
  const top = r.frames[r.frames.length - 1]!;
  const fn = fns[top.fn]!;
  // The point sees its locals through the function's liveness check (spec/locals.ts).
  const raw = { ...top.v };
  const { v, written } = checkedLocals(top.fn, top.pc, fn.live, raw);
  const c = new Ctx(r.mem, g, v, r.log);
  const point = pointOf(fns, top);
  point.run(c);
  c.v = raw;
  if (c.locked && !point.lock) throw new Error(`the spec is inconsistent: ${top.fn}.${top.pc} locks mu but is not marked lock`);
  r.mem = c.mem;
  checkLocals(fns, top.fn, c.v);
  const ctl = c.control;
  if (!ctl) throw new Error(`the spec is inconsistent: ${top.fn}.${top.pc} did not say where control goes`);
  const below = r.frames.slice(0, -1);
  // A frame that moves keeps only the locals live where it goes.
  switch (ctl.kind) {
    case 'goto':
      r.frames = [...below, { fn: top.fn, pc: ctl.pc, v: moveLocals(top.fn, fn.live, top.pc, ctl.pc, c.v, written) }];
      break;
    case 'call': {
      const callee = fns[ctl.fn];
      if (!callee) throw new Error(`the spec is inconsistent: no function ${ctl.fn}`);
      checkLocals(fns, ctl.fn, ctl.args);
      r.frames = [...below, { fn: top.fn, pc: ctl.then, v: moveLocals(top.fn, fn.live, top.pc, ctl.then, c.v, written) }, { fn: ctl.fn, pc: callee.entry, v: keepLive(callee.live?.[callee.entry], ctl.args) }];
      if (ctl.nested) {
        if (r.nested) throw new Error('the spec is inconsistent: a nested operation inside a nested operation');
        r.nested = ctl.nested;
        r.nestedBase = r.frames.length - 1;
        r.nestedBegan = true;
      }
      break;
    }
    case 'return':
      if (below.length === 0) {
        r.result = resultOf(op, ctl.values, [...pairs, ...r.log.visited]);
      } else if (r.nested && r.frames.length - 1 === r.nestedBase) {
        if (r.nestedBegan) throw new Error('the spec is inconsistent: a nested operation ended before its first step');
        // The callback's call returned: its result is the nested operation's, not the Range's locals.
        r.nestedReturns = resultOf(r.nested, ctl.values, []);
        r.nested = null;
        r.nestedBase = NONE;
      } else {
        const caller = below[below.length - 1]!;
        const v = { ...caller.v, ...ctl.values };
        checkLocals(fns, caller.fn, v);
        below[below.length - 1] = { fn: caller.fn, pc: caller.pc, v: keepLive(fns[caller.fn]!.live?.[caller.pc], v) };
      }
      r.frames = below;
      break;
    case 'crash':
      r.crash = ctl.crash;
      r.frames = [];
      break;
  }
  return c.sched;
}

/** Runs silent points until the goroutine stands at a scheduling point, has returned, or crashed. */
function settle(fns: FunctionTable, op: Op, g: number, r: Run, pairs: readonly number[]): void {
  for (let n = 0; r.frames.length > 0; n++) {
    if (n > SETTLE_LIMIT) throw new Error('the spec is not terminating here: silent points loop');
    const top = r.frames[r.frames.length - 1]!;
    if (!pointOf(fns, top).silent) return;
    if (exec(fns, op, g, r, pairs) !== 0) throw new Error(`the spec is inconsistent: silent point ${top.fn}.${top.pc} made a scheduling-point access`);
  }
}

/** Starts `op` on idle goroutine g; it runs no access (its first step does). */
export function startOp(fns: FunctionTable, s: SyncMapState, g: number, op: Op, opIndex: number): SyncMapState {
  if (s.gs[g]!.op) throw new Error(`goroutine ${g} is already running an operation`);
  const { fn, args } = syncmapEntry(op);
  const callee = fns[fn];
  if (!callee) throw new Error(`the spec is inconsistent: no function ${fn}`);
  const r: Run = { mem: s.mem, frames: [{ fn, pc: callee.entry, v: keepLive(callee.live?.[callee.entry], args) }], nested: null, nestedBase: NONE, nestedBegan: false, log: emptyLog() };
  settle(fns, op, g, r, []);
  if (r.frames.length === 0 || r.log.atomic || r.log.plain > 0 || r.nested) {
    throw new Error(`the spec is inconsistent: ${fn} touched memory or ended before its first step`);
  }
  const gs = s.gs.slice();
  gs[g] = { op, opIndex, called: 0, frames: r.frames, pairs: IDLE.pairs, nested: null, nestedBase: NONE, nestedCalled: 0 };
  return { mem: s.mem, gs, violated: s.violated };
}

/** Whether busy goroutine g can take its next step: not while it waits for a held mu. */
export function enabled(fns: FunctionTable, s: SyncMapState, g: number): boolean {
  const top = s.gs[g]!.frames.at(-1);
  if (!top) return false;
  return !(pointOf(fns, top).lock && s.mem.mu !== NONE);
}

/** Runs goroutine g's next step: one scheduling-point access, then the silent points after it. */
export function step(fns: FunctionTable, s: SyncMapState, g: number, detail = true): { state: SyncMapState; info: StepInfo; crash?: Crash } {
  const gst = s.gs[g]!;
  const top = gst.frames.at(-1);
  if (!gst.op || !top) throw new Error(`goroutine ${g} has no step to run`);
  const point = pointOf(fns, top);
  if (point.silent) throw new Error(`the spec is inconsistent: goroutine ${g} stands at silent point ${top.fn}.${top.pc}`);
  if (!enabled(fns, s, g)) throw new Error(`goroutine ${g} is waiting for mu, held by goroutine ${s.mem.mu}`);
  const r: Run = { mem: s.mem, frames: [...gst.frames], nested: gst.nested, nestedBase: gst.nestedBase, nestedBegan: false, log: emptyLog(detail) };
  const firstNested = gst.nested !== null && !gst.nestedCalled ? gst.nested : undefined;
  const sched = exec(fns, gst.op, g, r, gst.pairs);
  if (sched !== 1) throw new Error(`the spec is inconsistent: ${top.fn}.${top.pc} made ${sched} scheduling-point accesses in one step`);
  if (!r.result && !r.crash) settle(fns, gst.op, g, r, gst.pairs);
  const violated = s.violated ?? brokenTransition(s.mem, r.mem, g) ?? null;
  const ended = r.result !== undefined || r.crash !== undefined;
  const gs = s.gs.slice();
  // Every field written out, in GState's order: one object shape for every goroutine state,
  // and the pairs copied only when a Range visited some (most steps visit none).
  gs[g] = ended ? IDLE : {
    op: gst.op, opIndex: gst.opIndex, called: 1, frames: r.frames,
    pairs: r.log.visited.length === 0 ? gst.pairs : gst.pairs.concat(r.log.visited),
    nested: r.nested, nestedBase: r.nestedBase, nestedCalled: r.nested && !r.nestedBegan ? 1 : 0,
  };
  const info: StepInfo = {
    goroutine: g,
    opIndex: gst.opIndex,
    op: detail ? opText(gst.op) : '',
    label: labelOf(fns, top),
    goLine: detail ? goLineOf(point) : '',
    reads: r.log.reads,
    writes: r.log.writes,
    access: r.log.atomic ? 'atomic' : 'plain',
    detail: r.log.details?.join('; ') ?? '',
  };
  if (!gst.called) info.call = true;
  if (firstNested) info.nestedCall = firstNested;
  if (r.nestedReturns) info.nestedReturns = r.nestedReturns;
  if (r.result) info.returns = r.result;
  if (r.crash) info.crash = r.crash;
  return { state: { mem: r.mem, gs, violated }, info, crash: r.crash };
}

/** Texts made once per operation and per point instead of at every step. */
const OP_TEXTS = new WeakMap<Op, string>();
const GO_LINES = new WeakMap<Point, string>();

function opText(op: Op): string {
  return remembered(OP_TEXTS, op, () => describeOp(op, 'syncmap'));
}

function goLineOf(point: Point): string {
  return remembered(GO_LINES, point, () => `sync/map.go:${point.line}`);
}

/** Each point's label, made once: nextLabel asks for it at every state key. */
const LABELS = new WeakMap<Point, string>();

function labelOf(fns: FunctionTable, f: Frame): string {
  const point = pointOf(fns, f);
  return remembered(LABELS, point, () => `${fns[f.fn]!.name}: ${point.text}`);
}

/** The label goroutine g's next step will carry, or undefined when it is idle. */
export function nextLabel(fns: FunctionTable, s: SyncMapState, g: number): string | undefined {
  const top = s.gs[g]!.frames.at(-1);
  return top ? labelOf(fns, top) : undefined;
}

export function idleGoroutines(n: number): GState[] {
  return new Array<GState>(n).fill(IDLE);
}

import type { Crash } from '../types.js';
import type { LockType, SyncCall, SyncPoint } from './types.js';

/** Enters `method` of lock type `t`: no step is taken (the first point is). */
export function beginSync<L>(t: LockType<L>, method: string): SyncCall {
  const m = t.methods[method];
  if (!m) throw new Error(`the spec is inconsistent: ${t.name} has no method ${method}`);
  return { method, pc: m.entry, r: 0 };
}

export function syncPoint<L>(t: LockType<L>, call: SyncCall): SyncPoint<L> {
  const point = t.methods[call.method]?.points[call.pc];
  if (!point) throw new Error(`the spec is inconsistent: ${t.name}.${call.method} has no point ${call.pc}`);
  return point;
}

/** Whether the goroutine at `call` can take its step (false while it is blocked). */
export function syncReady<L>(t: LockType<L>, lock: L, call: SyncCall): boolean {
  const point = syncPoint(t, call);
  return point.ready === undefined || point.ready(lock);
}

/** The step label: '<Go function>: <statement> (<access>)'. */
export function syncLabel<L>(point: SyncPoint<L>): string {
  return `${point.fn}: ${point.text}`;
}

/** What one lock step did; `call` is null once the method has returned. */
export interface SyncStepResult<L> {
  lock: L;
  call: SyncCall | null;
  point: SyncPoint<L>;
  detail: string;
  crash?: Crash;
}

/** Runs the point `call` stands at. The caller must have checked syncReady. */
export function runSync<L>(t: LockType<L>, lock: L, call: SyncCall): SyncStepResult<L> {
  const point = syncPoint(t, call);
  if (point.ready && !point.ready(lock)) throw new Error(`the spec is inconsistent: ${syncLabel(point)} ran while blocked`);
  const out = point.run(lock, call.r);
  const next = out.next === null || out.crash ? null : { method: call.method, pc: out.next, r: out.r ?? call.r };
  const result: SyncStepResult<L> = { lock: out.lock, call: next, point, detail: out.detail };
  if (out.crash) result.crash = out.crash;
  return result;
}

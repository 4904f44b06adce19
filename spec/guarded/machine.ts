import type { MapConfig } from '../config.js';
import { describeOp } from '../describe.js';
// The map parts keep every local: a guarded map's critical section runs alone, so dropping dead
// locals merged no states there (measured) and only cost the checks.
import { HMAP_FUNCTIONS_KEEPING_LOCALS as HMAP_FUNCTIONS, hmapEntry } from '../hmap/functions.js';
import { type MState, nextLabel as hmapNextLabel, startOp as hmapStart, step as hmapStep } from '../hmap/machine.js';
import { beginSync, runSync, syncLabel, syncPoint, syncReady } from '../sync/run.js';
import type { Crash, Op, OpResult, StepInfo } from '../types.js';
import type { Part, Scheme } from './plan.js';
import { type GuardedState, type GuardG, IDLE_G, withAt, withGuard } from './state.js';

/**
 * Runs a guarded operation: its lock parts through the lock type's step programs, its map parts
 * through the unchanged hmap machine (startOp/step/nextLabel) on the shard's map. The operation's
 * call is its first step and its return its last, whatever part they fall in: the map part's own
 * call and return are inner events, and the result waits in `acc` until the unlock is done.
 */

function partOf<L>(scheme: Scheme<L>, gst: GuardG): Part {
  const part = gst.op && scheme.plan(gst.op)[gst.part];
  if (!part) throw new Error(`the spec is inconsistent: no part ${gst.part} to run`);
  return part;
}

/**
 * Moves goroutine g to part `index` of its plan: a lock method is entered, a map operation is
 * started on its shard's map (starting makes no access). Past the last part the goroutine is idle.
 */
function enter<L>(cfg: MapConfig, scheme: Scheme<L>, maps: readonly MState[], g: number, gst: GuardG, index: number): { maps: readonly MState[]; gst: GuardG } {
  const part = scheme.plan(gst.op!)[index];
  if (!part) return { maps, gst: IDLE_G };
  if (part.kind === 'sync') return { maps, gst: withGuard(gst, { part: index, sync: beginSync(scheme.lock, part.method) }) };
  const map = hmapStart(cfg, HMAP_FUNCTIONS, hmapEntry, maps[part.shard]!, g, part.op, gst.opIndex);
  return { maps: withAt(maps, part.shard, map), gst: withGuard(gst, { part: index, sync: null }) };
}

export function startGuarded<L>(cfg: MapConfig, scheme: Scheme<L>, s: GuardedState<L>, g: number, op: Op, opIndex: number): GuardedState<L> {
  if (s.gs[g]!.op) throw new Error(`goroutine ${g} is already running an operation`);
  const first = scheme.plan(op)[0];
  if (first?.kind !== 'sync') throw new Error('the spec is inconsistent: a guarded operation must begin with a lock step');
  const out = enter(cfg, scheme, s.maps, g, { ...IDLE_G, op, opIndex }, 0);
  return { locks: s.locks, maps: out.maps, gs: withAt(s.gs, g, out.gst) };
}

/** Idle goroutines count as enabled: every plan's first step (a fast path) can always run. */
export function enabledGuarded<L>(scheme: Scheme<L>, s: GuardedState<L>, g: number): boolean {
  const gst = s.gs[g]!;
  if (!gst.op) return true;
  const part = partOf(scheme, gst);
  return part.kind === 'map' || syncReady(scheme.lock, s.locks[part.shard]!, gst.sync!);
}

/** The accesses of the lock step a blocked goroutine waits to take (see Target.pendingAccess). */
export function pendingGuarded<L>(scheme: Scheme<L>, s: GuardedState<L>, g: number): { reads: string[]; writes: string[] } {
  const gst = s.gs[g]!;
  const part = gst.op && partOf(scheme, gst);
  if (part?.kind !== 'sync') throw new Error(`goroutine ${g} waits for nothing: only a lock step can block`);
  const point = syncPoint(scheme.lock, gst.sync!);
  const name = scheme.lockName(part.shard);
  return { reads: point.reads.map((l) => `${name}.${l}`), writes: point.writes.map((l) => `${name}.${l}`) };
}

/**
 * The mode in which goroutine g holds shard `shard`'s lock, read off the lock parts of its plan
 * it has finished: 'exclusive' under Lock, 'shared' under RLock only, undefined when it holds none.
 */
function heldMode<L>(scheme: Scheme<L>, gst: GuardG, shard: number): 'exclusive' | 'shared' | undefined {
  const held: string[] = [];
  const parts = scheme.plan(gst.op!);
  for (let i = 0; i < gst.part; i++) {
    const p = parts[i]!;
    if (p.kind !== 'sync' || p.shard !== shard) continue;
    if (p.method === 'Lock' || p.method === 'RLock') held.push(p.method);
    else held.pop();
  }
  if (held.includes('Lock')) return 'exclusive';
  return held.length > 0 ? 'shared' : undefined;
}

/**
 * The only shared locations a reader of the plain map writes: mapiterinit sets the iterator
 * flags (atomic.Or8) and h.extra.overflow (createOverflow). Two readers under one read lock can
 * meet on these and on nothing else; a test runs every reader against the hmap spec to hold this.
 */
export const READER_WRITES: ReadonlySet<string> = new Set(['flags', 'extra.overflow']);

/**
 * Whether g's next step (accesses in `info`) is private (Target.privateStep): a map step on a
 * shard whose lock g holds exclusively (every plan touches a shard's map only under its lock,
 * and Lock keeps out writers and readers alike), or, under a read lock, one that writes nothing
 * and reads nothing another reader could write (writers wait for the read lock to go).
 */
export function privateGuarded<L>(scheme: Scheme<L>, s: GuardedState<L>, g: number, info: StepInfo): boolean {
  const gst = s.gs[g]!;
  const part = gst.op && partOf(scheme, gst);
  if (part?.kind !== 'map') return false;
  const mode = heldMode(scheme, gst, part.shard);
  if (mode === 'exclusive') return true;
  if (mode === undefined || info.writes.length > 0) return false;
  const prefix = scheme.mapPrefix(part.shard);
  return info.reads.every((l) => !READER_WRITES.has(l.slice(prefix.length)));
}

export function nextLabelGuarded<L>(scheme: Scheme<L>, s: GuardedState<L>, g: number): string | undefined {
  const gst = s.gs[g]!;
  if (!gst.op) return undefined;
  const part = partOf(scheme, gst);
  if (part.kind === 'sync') return syncLabel(syncPoint(scheme.lock, gst.sync!));
  return hmapNextLabel(HMAP_FUNCTIONS, s.maps[part.shard]!, g);
}

/** Folds one map part's result into what the earlier parts returned. */
function combine(acc: OpResult | null, r: OpResult): OpResult {
  if (acc === null) return r;
  if (acc.kind === 'pairs' && r.kind === 'pairs') return { kind: 'pairs', pairs: [...acc.pairs, ...r.pairs] };
  if (acc.kind === 'len' && r.kind === 'len') return { kind: 'len', n: acc.n + r.n };
  if (acc.kind === 'none' && r.kind === 'none') return acc;
  throw new Error(`the spec is inconsistent: cannot combine a ${acc.kind} result with a ${r.kind} one`);
}

/** One step of a lock part. */
function syncStep<L>(scheme: Scheme<L>, s: GuardedState<L>, g: number, gst: GuardG, shard: number, detail: boolean) {
  const r = runSync(scheme.lock, s.locks[shard]!, gst.sync!);
  const name = scheme.lockName(shard);
  const info: StepInfo = {
    goroutine: g, opIndex: gst.opIndex, op: detail ? describeOp(gst.op!) : '',
    label: syncLabel(r.point),
    goLine: detail ? `${r.point.file}:${r.point.line}` : '',
    reads: r.point.reads.map((l) => `${name}.${l}`),
    writes: r.point.writes.map((l) => `${name}.${l}`),
    // Semaphore operations are atomics of the runtime too.
    access: 'atomic',
    detail: detail ? `${name}.${r.detail}` : '',
  };
  return { locks: withAt(s.locks, shard, r.lock), maps: s.maps, gst: withGuard(gst, { sync: r.call }), info, crash: r.crash, partDone: r.call === null };
}

/** One step of a map part: the hmap machine's step, with locations named after the shard. */
function mapStep<L>(cfg: MapConfig, scheme: Scheme<L>, s: GuardedState<L>, g: number, gst: GuardG, shard: number, detail: boolean) {
  const r = hmapStep(cfg, HMAP_FUNCTIONS, describeOp, s.maps[shard]!, g, detail);
  const prefix = scheme.mapPrefix(shard);
  const { call: _call, returns, crash: _crash, ...inner } = r.info;
  const info: StepInfo = {
    ...inner,
    op: detail ? describeOp(gst.op!) : '',
    reads: inner.reads.map((l) => prefix + l),
    writes: inner.writes.map((l) => prefix + l),
    detail: prefix && inner.detail ? `${prefix} ${inner.detail}` : inner.detail,
  };
  const next = returns ? withGuard(gst, { acc: combine(gst.acc, returns) }) : gst;
  return { locks: s.locks, maps: withAt(s.maps, shard, r.state), gst: next, info, crash: r.crash, partDone: returns !== undefined };
}

export function stepGuarded<L>(cfg: MapConfig, scheme: Scheme<L>, s: GuardedState<L>, g: number, detail = true): { state: GuardedState<L>; info: StepInfo; crash?: Crash } {
  const gst = s.gs[g]!;
  if (!gst.op) throw new Error(`goroutine ${g} has no step to run`);
  const part = partOf(scheme, gst);
  const r = part.kind === 'sync' ? syncStep(scheme, s, g, gst, part.shard, detail) : mapStep(cfg, scheme, s, g, gst, part.shard, detail);
  const info = r.info;
  if (!gst.called) info.call = true;
  let maps = r.maps;
  let next: GuardG = withGuard(r.gst, { called: 1 });
  if (r.crash) {
    // A crash ends the program; the hmap machine has already left its own slot idle.
    info.crash = r.crash;
    next = IDLE_G;
  } else if (r.partDone) {
    const entered = enter(cfg, scheme, maps, g, next, gst.part + 1);
    maps = entered.maps;
    if (!entered.gst.op) {
      if (!next.acc) throw new Error('the spec is inconsistent: a guarded operation ended without a map result');
      info.returns = next.acc;
    }
    next = entered.gst;
  }
  const state: GuardedState<L> = { locks: r.locks, maps, gs: withAt(s.gs, g, next) };
  return r.crash ? { state, info, crash: r.crash } : { state, info };
}

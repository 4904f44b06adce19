/**
 * A lock-only machine for the lock tests: goroutines run programs of lock methods (no map), one
 * step at a time, through spec/sync's runner, the same functions the guarded targets use.
 * A goroutine between a Lock (RLock) that returned and the Unlock (RUnlock) it has not begun is
 * inside a writer (reader) section; beginning the next method is a scheduler step of its own, so
 * the search sees every interleaving of the sections too.
 */
import { beginSync, runSync, syncLabel, syncPoint, syncReady } from '../../../spec/sync/run.js';
import type { LockType, SyncCall } from '../../../spec/sync/types.js';
import type { Crash } from '../../../spec/types.js';

export interface LockG {
  /** Methods already begun. */
  readonly done: number;
  /** The method being run, or null between methods. */
  readonly call: SyncCall | null;
}

export interface LockMachine<L> {
  readonly lock: L;
  readonly gs: readonly LockG[];
  readonly crash?: Crash;
}

export function lockInit<L>(t: LockType<L>, goroutines: number): LockMachine<L> {
  return { lock: t.zero, gs: Array.from({ length: goroutines }, () => ({ done: 0, call: null })) };
}

/** Whether g can move: begin its next method, or take its method's next step. */
export function canMove<L>(t: LockType<L>, m: LockMachine<L>, programs: readonly string[][], g: number): boolean {
  const gs = m.gs[g]!;
  if (m.crash) return false;
  if (gs.call) return syncReady(t, m.lock, gs.call);
  return gs.done < programs[g]!.length;
}

/** Begins g's next method (no step) when between methods, else takes one step of it. */
export function move<L>(t: LockType<L>, m: LockMachine<L>, programs: readonly string[][], g: number): LockMachine<L> {
  const gs = m.gs.slice();
  const cur = gs[g]!;
  if (!cur.call) {
    gs[g] = { done: cur.done + 1, call: beginSync(t, programs[g]![cur.done]!) };
    return { lock: m.lock, gs };
  }
  const r = runSync(t, m.lock, cur.call);
  gs[g] = { done: cur.done, call: r.call };
  return r.crash ? { lock: r.lock, gs, crash: r.crash } : { lock: r.lock, gs };
}

/** Runs g until its current method returns or it blocks; begins the next method first if idle. */
export function runMethod<L>(t: LockType<L>, m: LockMachine<L>, programs: readonly string[][], g: number): LockMachine<L> {
  let cur = m.gs[g]!.call ? m : move(t, m, programs, g);
  while (cur.gs[g]!.call && canMove(t, cur, programs, g)) cur = move(t, cur, programs, g);
  return cur;
}

/** The label of g's next step, or undefined between methods. */
export function labelOf<L>(t: LockType<L>, m: LockMachine<L>, g: number): string | undefined {
  const call = m.gs[g]!.call;
  return call ? syncLabel(syncPoint(t, call)) : undefined;
}

/** Goroutines inside a section opened by `open` (its method returned, the next not begun). */
export function inside(m: LockMachine<unknown>, programs: readonly string[][], open: string): number[] {
  return m.gs.flatMap((gs, g) => (gs.call === null && gs.done > 0 && programs[g]![gs.done - 1] === open ? [g] : []));
}

export interface LockSearch<L> {
  states: number;
  /** States where some goroutine has work left and none can move. */
  deadlocks: Array<LockMachine<L>>;
  /** States where every program ran to its end. */
  finals: Array<LockMachine<L>>;
  crashes: number;
}

/** Every interleaving of the programs, breadth first; `check` sees every state reached. */
export function searchLocks<L>(t: LockType<L>, programs: readonly string[][], check: (m: LockMachine<L>) => void): LockSearch<L> {
  const key = (m: LockMachine<L>): string => `${t.encode(m.lock)}|${m.gs.map((g) => `${g.done}${g.call ? `${g.call.method}.${g.call.pc}.${g.call.r}` : ''}`).join('|')}${m.crash ? '!' : ''}`;
  const start = lockInit(t, programs.length);
  const seen = new Set([key(start)]);
  const work = [start];
  const out: LockSearch<L> = { states: 0, deadlocks: [], finals: [], crashes: 0 };
  while (work.length > 0) {
    const m = work.pop()!;
    out.states++;
    check(m);
    if (m.crash) {
      out.crashes++;
      continue;
    }
    const movers = programs.map((_, g) => g).filter((g) => canMove(t, m, programs, g));
    const finished = m.gs.every((g, i) => g.call === null && g.done === programs[i]!.length);
    if (finished) out.finals.push(m);
    else if (movers.length === 0) out.deadlocks.push(m);
    for (const g of movers) {
      const next = move(t, m, programs, g);
      const k = key(next);
      if (!seen.has(k)) {
        seen.add(k);
        work.push(next);
      }
    }
  }
  return out;
}

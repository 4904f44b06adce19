/**
 * What the points of a function table (the plain map's or sync.Map's) were seen to do with their
 * locals, and the live locals that follows from it (spec/locals.ts).
 */
import { watchedLocals } from '../../spec/locals.js';

/** Per point, as watched. */
export interface PointUse {
  /** Locals read before the point wrote them. */
  reads: Set<string>;
  /** Written on every run seen (null until the point has run once). */
  writesAlways: Set<string> | null;
  /** The points control went to next in the same frame. */
  next: Set<string>;
}

/** By the table's name for the function, then point. */
export type Observations = Map<string, Map<string, PointUse>>;

/** What watching needs of an interpreter's step context: its locals and where control goes. */
interface Watchable {
  v: Record<string, number>;
  readonly control: unknown;
}

interface WatchableFunction<C> {
  readonly points: Readonly<Record<string, { run(c: C): void }>>;
  readonly live?: unknown;
}

/**
 * A copy of `fns` whose points record into `seen` what they read, write and where they go, with
 * no liveness table, so nothing is dropped while watching. A call's frame goes on at the call's
 * `then` point; what the callee returns is not counted as written there (a callee need not
 * return every result local), so a result local read after a call stays live across it.
 */
export function observingFunctions<C extends Watchable, F extends WatchableFunction<C>>(fns: Readonly<Record<string, F>>, seen: Observations): Readonly<Record<string, F>> {
  const table: Record<string, F> = {};
  for (const [name, fn] of Object.entries(fns)) {
    const points: Record<string, { run(c: C): void }> = {};
    const uses = seen.get(name) ?? new Map<string, PointUse>();
    seen.set(name, uses);
    for (const [pc, point] of Object.entries(fn.points)) points[pc] = { ...point, run: (c: C) => watch(uses, pc, point, c) };
    table[name] = { ...fn, live: undefined, points };
  }
  return table;
}

function watch<C extends Watchable>(uses: Map<string, PointUse>, pc: string, point: { run(c: C): void }, c: C): void {
  let use = uses.get(pc);
  if (!use) uses.set(pc, use = { reads: new Set(), writesAlways: null, next: new Set() });
  const raw = c.v;
  const written = new Set<string>();
  const reads = use.reads;
  c.v = watchedLocals(raw, written, (name) => reads.add(name));
  try {
    point.run(c);
  } finally {
    c.v = raw;
  }
  use.writesAlways = use.writesAlways === null ? written : new Set([...use.writesAlways].filter((x) => written.has(x)));
  const ctl = c.control as { kind?: string; pc?: string; then?: string } | undefined;
  if (ctl?.kind === 'goto' && ctl.pc !== undefined) use.next.add(ctl.pc);
  else if (ctl?.kind === 'call' && ctl.then !== undefined) use.next.add(ctl.then);
}

/**
 * Live locals at each point's entry, the least solution of
 * live(p) = reads(p) ∪ (⋃ live(q) for q after p, minus what p always writes).
 * Keyed by the table's function name, then point.
 */
export function liveLocalsOf(seen: Observations): Map<string, Map<string, Set<string>>> {
  const byFn = new Map<string, Map<string, Set<string>>>();
  for (const [fn, uses] of seen) {
    const live = new Map<string, Set<string>>();
    for (const pc of uses.keys()) live.set(pc, new Set());
    for (let changed = true; changed;) {
      changed = false;
      for (const [pc, use] of uses) {
        const next = new Set(use.reads);
        for (const after of use.next) for (const name of live.get(after) ?? []) if (!use.writesAlways?.has(name)) next.add(name);
        // Sets only grow, so a change shows in the size.
        if (next.size !== live.get(pc)!.size) {
          live.set(pc, next);
          changed = true;
        }
      }
    }
    byFn.set(fn, live);
  }
  return byFn;
}

/**
 * What the points of a function table (the plain map's or sync.Map's) were seen to do with their
 * locals, and the live locals that follows from it (spec/locals.ts).
 */

/** Per point (`fn.pc`, fn being the table's name for the function), as watched. */
export interface PointUse {
  /** Locals read before the point wrote them. */
  reads: Set<string>;
  /** Written on every run seen (null until the point has run once). */
  writesAlways: Set<string> | null;
  /** The points control went to next in the same frame. */
  next: Set<string>;
}

export type Observations = Map<string, PointUse>;

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
    for (const [pc, point] of Object.entries(fn.points)) points[pc] = { ...point, run: (c: C) => watch(seen, `${name}.${pc}`, point, c) };
    table[name] = { ...fn, live: undefined, points };
  }
  return table;
}

function watch<C extends Watchable>(seen: Observations, at: string, point: { run(c: C): void }, c: C): void {
  let use = seen.get(at);
  if (!use) seen.set(at, use = { reads: new Set(), writesAlways: null, next: new Set() });
  const raw = c.v;
  const written = new Set<string>();
  const reads = use.reads;
  const readIfFresh = (name: string | symbol): void => {
    if (typeof name === 'string' && !written.has(name)) reads.add(name);
  };
  c.v = new Proxy(raw, {
    get: (t, name) => { readIfFresh(name); return t[name as string]; },
    has: (t, name) => { readIfFresh(name); return name in t; },
    set: (t, name, value: number) => {
      if (typeof name === 'string') written.add(name);
      t[name as string] = value;
      return true;
    },
  });
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
  const live = new Map<string, Set<string>>();
  for (const at of seen.keys()) live.set(at, new Set());
  for (let changed = true; changed;) {
    changed = false;
    for (const [at, use] of seen) {
      const fn = at.slice(0, at.lastIndexOf('.'));
      const next = new Set(use.reads);
      for (const pc of use.next) for (const name of live.get(`${fn}.${pc}`) ?? []) if (!use.writesAlways?.has(name)) next.add(name);
      if (next.size !== live.get(at)!.size) {
        live.set(at, next);
        changed = true;
      }
    }
  }
  const byFn = new Map<string, Map<string, Set<string>>>();
  for (const [at, names] of live) {
    const cut = at.lastIndexOf('.');
    const fn = at.slice(0, cut);
    if (!byFn.has(fn)) byFn.set(fn, new Map());
    byFn.get(fn)!.set(at.slice(cut + 1), names);
  }
  return byFn;
}

/**
 * Dead locals, dropped: for the plain map's and sync.Map's interpreters, whose Go functions are
 * tables of points with a frame of numeric locals. A goroutine's frame keeps the locals Go would
 * still read; one no later point reads before writing it again (`mapassign`'s loaded `count` and
 * `B` after the growth check, the `flags` it loaded to toggle, a loop's `bucket` once `b` is
 * computed) is dropped when control moves to a point where it is dead, so interleavings that
 * differ only in what such a local held reach one state. Go's compiler does the same with its
 * registers; SPIN calls it dead variable elimination.
 *
 * Which locals are live where is a table per function (`live`, in spec/hmap/live-locals.ts and
 * spec/syncmap/live-locals.ts, derived by `npm run derive-liveness` from what the points read
 * and where they go). The table is never
 * trusted: every run of a point checks it as it goes, so a wrong table stops the run instead of
 * changing a result. Two checks, both on every step:
 * - a point reads only locals the table says are live at it, or ones it wrote itself before;
 * - when control moves from point p to point q, every local live at q was live at p or was
 *   written by p.
 * Together they mean no read ever meets a dropped local: walking back from the read, the local
 * stays live at every point up to its last write, so no move on the way dropped it. Every read
 * then returns what it would have returned with nothing dropped, and states that differ only in
 * dropped locals have the same futures.
 */

/** A Go function's live locals at each of its points' entry. */
export type LiveLocals = Readonly<Record<string, ReadonlySet<string>>>;

/** A function's rows of a generated liveness table (live-locals.ts), as sets; none without rows. */
export function liveTable(rows: Readonly<Record<string, readonly string[]>> | undefined): LiveLocals | undefined {
  return rows && Object.fromEntries(Object.entries(rows).map(([pc, names]) => [pc, new Set(names)]));
}

/**
 * An interpreter's functions by name. With a generated liveness table each function carries its
 * live locals and its frames drop dead ones; without one every frame keeps every local.
 */
export function functionTable<F extends { readonly name: string; readonly live?: LiveLocals }>(
  fns: readonly F[], table?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
): Readonly<Record<string, F>> {
  return Object.fromEntries(fns.map((f) => [f.name, table ? { ...f, live: liveTable(table[f.name]) } : f]));
}

/** Thrown when a point breaks the table: a bug in the table or the spec, never a finding. */
export class DeadLocalError extends Error {}

/** What a step without a liveness table reports written (nothing is checked there); also an empty row. */
export const NO_LOCALS: ReadonlySet<string> = new Set();

/**
 * The locals a point at `pc` of function `fnName` runs with, and what it writes: `raw` seen
 * through the table's check, where reading a local the table calls dead there (and not written
 * since the point began) throws. Without a table, `raw` itself, unchecked.
 */
export function checkedLocals(fnName: string, pc: string, live: LiveLocals | undefined, raw: Record<string, number>): { v: Record<string, number>; written: ReadonlySet<string> } {
  if (!live) return { v: raw, written: NO_LOCALS };
  const row = live[pc] ?? NO_LOCALS;
  const written = new Set<string>();
  const v = watchedLocals(raw, written, (name) => {
    if (!row.has(name)) throw new DeadLocalError(`the spec is inconsistent: ${fnName}.${pc} reads local ${name}, which the liveness table says is dead there`);
  });
  return { v, written };
}

/**
 * `raw` as a step sees it, watched: every local written goes into `written`, and every local read
 * (or tested with `in`) that the step has not written is passed to `freshRead`. The liveness
 * check above and the tool that derives the tables (checker/liveness) both see a step this way.
 */
export function watchedLocals(raw: Record<string, number>, written: Set<string>, freshRead: (name: string) => void): Record<string, number> {
  return new Proxy(raw, {
    get(target, name) {
      if (typeof name === 'string' && !written.has(name)) freshRead(name);
      return target[name as string];
    },
    set(target, name, value: number) {
      if (typeof name === 'string') written.add(name);
      target[name as string] = value;
      return true;
    },
    has(target, name) {
      if (typeof name === 'string' && !written.has(name)) freshRead(name);
      return name in target;
    },
  });
}

/**
 * The frame's locals as control moves from `from` to `to` in function `fnName`: checks that the
 * move keeps the table's promise (above) and keeps only the locals live at `to`. Without a table,
 * `v` as it is.
 */
export function moveLocals(fnName: string, live: LiveLocals | undefined, from: string, to: string, v: Record<string, number>, written: ReadonlySet<string>): Record<string, number> {
  if (!live) return v;
  const liveTo = live[to];
  const liveFrom = live[from];
  if (!liveTo || !liveFrom) throw new DeadLocalError(`the spec is inconsistent: the liveness table has no entry for ${fnName}.${liveTo ? from : to}`);
  for (const name of liveTo) {
    if (!liveFrom.has(name) && !written.has(name)) {
      throw new DeadLocalError(`the spec is inconsistent: ${fnName}.${to} needs local ${name}, which the liveness table says is dead at ${from} and ${from} did not write`);
    }
  }
  return keepLive(liveTo, v);
}

/**
 * Only the locals in `live`, and every result local: for a frame whose every local was just
 * written (a call's arguments, a return's results). `v` itself when it holds nothing else, as
 * after most moves.
 */
export function keepLive(live: ReadonlySet<string> | undefined, v: Record<string, number>): Record<string, number> {
  if (!live) return v;
  let dead = false;
  for (const name in v) {
    if (!kept(live, name)) {
      dead = true;
      break;
    }
  }
  if (!dead) return v;
  const out: Record<string, number> = {};
  for (const name in v) if (kept(live, name)) out[name] = v[name]!;
  return out;
}

/**
 * Whether a frame keeps local `name`. Result locals (ret*) are always kept: the plain map's
 * interpreter copies a callee's ret* locals into its caller when it returns, a read no point makes
 * and so no table sees; dropping one the callee wrote before a later point returned would lose
 * the result without any check noticing. Keeping them all costs little (the plain map bounded at
 * depth 6: 106,262 states instead of 106,108; sync.Map at depth 5: 233,082 instead of 232,482).
 */
function kept(live: ReadonlySet<string>, name: string): boolean {
  return live.has(name) || name.startsWith('ret');
}

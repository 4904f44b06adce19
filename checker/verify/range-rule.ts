import type { KeyRenaming } from '../../spec/canon.js';
import { ABSENT, type MapModelState, pairsKey } from '../../spec/model.js';
import type { Op } from '../../spec/types.js';

/**
 * How a Range result is judged against one explanation of a history. Both verifiers (the online
 * monitor and the offline search) use these functions, so they apply one rule. The rule itself is
 * stated on `RangeMode` in monitor.ts.
 */

type Pairs = ReadonlyArray<readonly [key: number, value: number]>;
type RangeOp = Extract<Op, { kind: 'range' }>;

/**
 * What a non-snapshot Range has seen of the map between its call and now, in one explanation.
 * Immutable; `watchStep` returns a new watch (or the same object when nothing changed).
 */
export interface RangeWatch {
  /** Per key: every value k held at some moment since the Range's call, ABSENT included; sorted, distinct. */
  readonly held: ReadonlyArray<readonly number[]>;
  /**
   * Keys some operation wrote inside the Range's interval, sorted. Only kept while ABSENT is not
   * in held[k]: once k has been absent it is exempt from clause (c) anyway, and dropping the
   * flag then keeps equal situations equal (canonical state).
   */
  readonly written: readonly number[];
}

/** The watch a Range starts with at its call: each key's current value. */
export function watchStart(model: MapModelState): RangeWatch {
  return { held: model.map((v) => [v]), written: [] };
}

/** The keys `op` writes, given the map before it: what makes a key "touched" for clause (c). */
export function writtenKeys(op: Op, before: MapModelState): number[] {
  switch (op.kind) {
    case 'assign':
    case 'delete':
    case 'loadAndDelete':
      return [op.key];
    case 'loadOrStore':
      // A LoadOrStore that found a value only read it.
      return (before[op.key] ?? ABSENT) === ABSENT ? [op.key] : [];
    case 'clear':
      return before.map((_, k) => k);
    case 'access':
    case 'range':
    case 'len':
      return [];
  }
}

/** The watch after `op` took the map from `before` to `after` inside the Range's interval. */
export function watchStep(w: RangeWatch, op: Op, before: MapModelState, after: MapModelState): RangeWatch {
  const touched = writtenKeys(op, before);
  if (touched.length === 0) return w;
  const held = w.held.slice();
  for (const k of touched) {
    const v = after[k] ?? ABSENT;
    const old = held[k] ?? ONLY_ABSENT;
    if (!old.includes(v)) held[k] = withInOrder(old, v);
  }
  // Keys in ascending order, so the list comes out sorted: a Set and a sort per step were 4 % of
  // sync.Map's garbage (every linearization while a Range is pending takes a step).
  const written: number[] = [];
  for (let k = 0; k < held.length; k++) {
    if ((w.written.includes(k) || touched.includes(k)) && !(held[k] ?? ONLY_ABSENT).includes(ABSENT)) written.push(k);
  }
  return { held, written };
}

/** The sorted list xs with v put in its place. */
function withInOrder(xs: readonly number[], v: number): number[] {
  const out: number[] = [];
  let placed = false;
  for (const x of xs) {
    if (!placed && v < x) {
      out.push(v);
      placed = true;
    }
    out.push(x);
  }
  if (!placed) out.push(v);
  return out;
}

/**
 * Whether a Range that saw `a` accepts every result one that saw `b` accepts, now and after any
 * further operations: a's held values include b's, and every key b exempts from clause (c) a
 * exempts too. watchStep keeps this true, so an explanation whose watches `b` are covered adds
 * nothing and can be dropped.
 */
export function watchCovers(a: RangeWatch, b: RangeWatch): boolean {
  return b.held.every((vs, k) => {
    const held = a.held[k] ?? [];
    if (!vs.every((v) => held.includes(v))) return false;
    const exemptB = vs.includes(ABSENT) || b.written.includes(k);
    return !exemptB || held.includes(ABSENT) || a.written.includes(k);
  });
}

/**
 * The watch as text; `name` renames values (see ValueNamer), whose order is then sorted again,
 * and `keys` renames keys (see KeyNamer): keys are then listed by name.
 */
export function watchKey(w: RangeWatch, name: (v: number) => number, keys?: KeyRenaming): string {
  let text = '';
  const count = keys ? keys.raw.length : w.held.length;
  for (let i = 0; i < count; i++) text += `${i ? '|' : ''}${sortedText(keys ? (w.held[keys.raw[i]!] ?? ONLY_ABSENT) : w.held[i]!, name)}`;
  return `${text}*${keys ? sortedText(w.written, (k) => keys.name[k]!) : w.written.join('.')}`;
}

const ONLY_ABSENT: readonly number[] = [ABSENT];

/**
 * xs renamed by `rename`, in ascending order, joined with '.'. This runs for every monitor
 * state's key with a Range pending, on lists of one to three numbers: an insertion sort in a
 * reused array, since Array.prototype.sort copied each list first (4 % of sync.Map's garbage).
 */
function sortedText(xs: readonly number[], rename: (x: number) => number): string {
  const a = SCRATCH;
  // The scratch array only grows; `n` says how much of it is this list (setting its length is a call into the runtime).
  let n = 0;
  for (const x of xs) {
    const v = rename(x);
    let i = n++;
    while (i > 0 && a[i - 1]! > v) {
      a[i] = a[i - 1]!;
      i--;
    }
    a[i] = v;
  }
  let text = '';
  for (let i = 0; i < n; i++) text += i ? `.${a[i]}` : `${a[i]}`;
  return text;
}

const SCRATCH: number[] = [];

/**
 * Why `pairs` breaks the contract rule given what the Range saw, or undefined when it keeps it.
 * One line, naming the clause.
 */
export function contractViolation(w: RangeWatch, op: RangeOp, pairs: Pairs): string | undefined {
  const early = stopViolation(op, pairs);
  if (early) return early;
  const visited = new Set<number>();
  for (const [k, v] of pairs) {
    if (visited.has(k)) return `(a) it visits k${k} twice`;
    visited.add(k);
    const held = w.held[k];
    if (v === ABSENT || !held || !held.includes(v)) return `(b) it visits k${k}:v${v}, a value k${k} never held during the Range`;
  }
  if (op.body === 'stop' && pairs.length > 0) return undefined;
  for (const [k, held] of w.held.entries()) {
    if (visited.has(k) || held.includes(ABSENT) || w.written.includes(k)) continue;
    return `(c) it skips k${k}, present (v${held[0]}) and untouched throughout the Range`;
  }
  return undefined;
}

/**
 * Why `pairs` is not what a Range that read `live` (the map's pairs at its one linearization
 * point) returns, or undefined when it is: exactly the live pairs, or for a callback that stops,
 * exactly one of them (none when the map is empty).
 */
export function snapshotViolation(live: Pairs, op: RangeOp, pairs: Pairs): string | undefined {
  const early = stopViolation(op, pairs);
  if (early) return early;
  if (op.body === 'stop') {
    if (pairs.length === 0 && live.length > 0) return `it visits nothing, but the map held ${live.length} pair(s)`;
    const [p] = pairs;
    if (p && !live.some(([k, v]) => k === p[0] && v === p[1])) return `it visits k${p[0]}:v${p[1]}, which the map did not hold`;
    return undefined;
  }
  if (pairsKey(pairs) !== pairsKey(live)) return `it visits [${pairsKey(pairs)}], but the map held [${pairsKey(live)}]`;
  return undefined;
}

/** (d) A callback that returns false ends the iteration, so such a Range visits at most one pair. */
function stopViolation(op: RangeOp, pairs: Pairs): string | undefined {
  return op.body === 'stop' && pairs.length > 1 ? `(d) its callback stops at the first pair, but it visits ${pairs.length}` : undefined;
}

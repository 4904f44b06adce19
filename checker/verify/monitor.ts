import { type MapModelState, modelInit, modelStep } from '../../spec/model.js';
import type { KeyNamer, KeyRenaming, ValueNamer } from '../../spec/canon.js';
import type { Op, OpResult } from '../../spec/types.js';
import { contractViolation, type RangeWatch, watchCovers, watchKey, watchStart, watchStep } from './range-rule.js';
import { resultKey, resultMismatch } from './results.js';

// resultKey moved to results.ts (the offline verifier shares it); still exported from here.
export { resultKey };

/**
 * How a Range's result is judged; both verifiers (this monitor and linearizability.ts) take it.
 *
 * 'snapshot' (a plain map, or one under a lock): a Range takes effect at one point between its
 * call and its return, like every other operation, and yields exactly the pairs the map holds
 * there, in any order; if its callback stops (body 'stop'), exactly one of them (none when the
 * map is empty).
 *
 * 'contract' (sync.Map's documented rule, sync/map.go:319-326, in our words: a Range is not a
 * snapshot; it never visits a key twice, and a key written while it runs, by another goroutine
 * or by its own callback, may show any value it held during the call). A Range R takes no single point:
 * its interval is everything linearized between R's call and R's return. The history is
 * linearizable iff some linearization of the other operations (those R's callback called are
 * ordinary operations whose real-time intervals lie inside R's, so they linearize inside R's
 * interval) gives every operation its result and, for every Range R that returned the pairs P:
 *   (a) no key occurs twice in P;
 *   (b) for each (k, v) in P, v is not absent and k held v at some moment of R's interval: in the
 *       map as R was called, or just after some operation linearized inside the interval;
 *   (c) each key k that held a value at every moment of R's interval, and that no operation
 *       linearized inside the interval wrote (a Store, Delete, LoadAndDelete or clear of k, or a
 *       LoadOrStore of k that stored), occurs in P, unless R's callback stopped early (body
 *       'stop' and P not empty);
 *   (d) in both modes, a Range whose callback stops visits at most one pair (a callback that
 *       returns false ends the iteration).
 * R's interval starts at its call event and ends at its return event: the widest real time
 * allows. Widening it only adds held values and writes, so every clause gets easier, and the
 * widest choice decides the history.
 */
export type RangeMode = 'snapshot' | 'contract';

/**
 * An online linearizability monitor (Wing–Gong search run forward, one event at a time). Its
 * state is every way the history so far can be explained: a sequential map state plus, for each
 * slot's pending operation, the result it was linearized with (or not yet). Because it is a
 * function of the history's future-relevant part only, it can be part of the explorer's state
 * key, so state caching keeps every verdict.
 */
export interface MonitorState {
  /** How Range results are judged; fixed for the whole history. */
  readonly range: RangeMode;
  /** Whether only the roots of the explanations are kept (see `roots`); fixed for the whole history. */
  readonly roots: boolean;
  /** The operation each slot has called and not yet returned from. */
  readonly pending: ReadonlyArray<Op | null>;
  /** Sorted, distinct explanations; empty once the history cannot be linearized. */
  readonly configs: readonly Explanation[];
  /** Set once an operation's return could not be placed: which slot and operation. */
  readonly failed?: { goroutine: number; op: Op };
}

interface Explanation {
  readonly model: MapModelState;
  /** Per slot: the result its pending op was linearized with, or null. */
  readonly done: ReadonlyArray<OpResult | null>;
  /**
   * 'contract' mode only, and only while some Range is pending (absent otherwise, so snapshot
   * states are exactly what they always were): per slot, what that slot's pending Range has seen
   * so far in this explanation, or null.
   */
  readonly watches?: ReadonlyArray<RangeWatch | null>;
  /**
   * explanationKey(this), kept once asked for (keyOf). An explanation is never changed, and a new
   * one is made field by field, never spread from another, so no key is carried to another.
   */
  key?: string;
}

const SAME = (v: number): number => v;

/**
 * `slots` sequential callers (node.ts: one per goroutine, one more each for Range callbacks) over
 * keys 0..keys-1. `roots` false keeps every explanation, so tests can compare the two.
 */
export function monitorInit(slots: number, keys: number, range: RangeMode = 'snapshot', roots = true): MonitorState {
  const done = new Array<OpResult | null>(slots).fill(null);
  return { range, roots, pending: done.map(() => null), configs: [{ model: modelInit(keys), done }] };
}

export function monitorCall(m: MonitorState, g: number, op: Op): MonitorState {
  if (m.failed) return m;
  const pending = m.pending.slice();
  pending[g] = op;
  if (!watched(m.range, op)) return { ...m, pending };
  // A contract Range starts watching the map as each explanation has it now.
  const configs = distinct(m.configs.map((e) => {
    const watches = e.watches ? e.watches.slice() : m.pending.map(() => null);
    watches[g] = watchStart(e.model);
    return { model: e.model, done: e.done, watches };
  }));
  return { ...m, pending, configs };
}

/** g's pending operation returned `result`: keep the explanations in which it could have. */
export function monitorReturn(m: MonitorState, g: number, result: OpResult): MonitorState {
  const op = m.pending[g];
  if (m.failed || !op) return m;
  const pending = m.pending.slice();
  pending[g] = null;
  const kept: Explanation[] = [];
  for (const e of closure(m.range, m.pending, m.configs)) {
    if (!explains(m.range, e, g, op, result)) continue;
    const done = e.done.slice();
    done[g] = null;
    kept.push(withoutWatch(e.watches ? { model: e.model, done, watches: e.watches } : { model: e.model, done }, g));
  }
  if (kept.length === 0) return { ...m, pending, configs: [], failed: { goroutine: g, op } };
  const configs = distinct(kept);
  return { ...m, pending, configs: m.roots ? roots(m.range, pending, configs) : configs };
}

/** Whether, in explanation e, slot g's operation `op` can have returned `result`. */
function explains(range: RangeMode, e: Explanation, g: number, op: Op, result: OpResult): boolean {
  if (op.kind === 'range' && range === 'contract') {
    const w = e.watches?.[g];
    return !!w && result.kind === 'pairs' && contractViolation(w, op, result.pairs) === undefined;
  }
  const d = e.done[g];
  return !!d && resultMismatch(op, d, result) === undefined;
}

/** Whether `op` is a Range judged by the contract rule: it never linearizes at a point, it watches. */
function watched(range: RangeMode, op: Op): boolean {
  return range === 'contract' && op.kind === 'range';
}

function withoutWatch(e: Explanation, g: number): Explanation {
  if (!e.watches?.[g]) return e;
  const watches = e.watches.slice();
  watches[g] = null;
  if (watches.every((w) => w === null)) return { model: e.model, done: e.done };
  return { model: e.model, done: e.done, watches };
}

/** Every explanation reachable by linearizing any of the pending, not yet linearized operations. */
function closure(range: RangeMode, pending: ReadonlyArray<Op | null>, start: readonly Explanation[]): Explanation[] {
  const seen = new Map<string, Explanation>(start.map((e) => [keyOf(e), e]));
  for (const e of start) reachFrom(range, pending, e, seen);
  return [...seen.values()];
}

/**
 * Adds to `into`, by key, every explanation `from` reaches by linearizing one or more pending
 * operations; one already there is not followed again (what it reaches was added with it), nor
 * one with `most` operations linearized.
 */
function reachFrom(range: RangeMode, pending: ReadonlyArray<Op | null>, from: Explanation, into: Map<string, Explanation>, most = Infinity): void {
  const work = [from];
  while (work.length > 0) {
    const e = work.pop()!;
    // Counted only where there is a bound (roots): the closure, which has none, runs at every return.
    if (most !== Infinity && linearized(e) >= most) continue;
    for (let g = 0; g < pending.length; g++) {
      const op = pending[g];
      if (!op || e.done[g] !== null || watched(range, op)) continue;
      const next = linearize(e, g, op);
      const k = keyOf(next);
      if (into.has(k)) continue;
      into.set(k, next);
      work.push(next);
    }
  }
}

/** How many of e's slots have their operation linearized. */
function linearized(e: Explanation): number {
  let n = 0;
  for (const d of e.done) if (d !== null) n++;
  return n;
}

/**
 * The explanations no other one of `es` reaches by linearizing pending operations: the roots.
 *
 * Why dropping the others changes no verdict: the monitor only ever looks at its explanations
 * through their closure (every return takes the closure under the operations then pending, and
 * a call only adds a pending operation, so the closure after it is the closure of the old
 * closure). An explanation that another one reaches is in that one's closure already, so the set
 * without it has the same closure, now and after every future event. Linearizing adds a
 * result, so reaching is acyclic, and the roots of a set are exactly the roots of its closure:
 * two sets with one closure keep the same roots. That is what merges states: an operation that
 * returned while another was pending leaves both "the other one took effect already" and "not
 * yet"; only "not yet" is kept, the state one meets when the other operation is called later.
 * (A contract Range adds its watch to the explanations it is called in, not to their closure;
 * a watch started earlier covers one started later, see `distinct`, so keeping the roots still
 * keeps every verdict there. The monitor tests check both against the offline verifier.)
 */
function roots(range: RangeMode, pending: ReadonlyArray<Op | null>, es: Explanation[]): Explanation[] {
  if (es.length < 2) return es;
  // Linearizing adds a result, so an explanation reaches only ones with more, and none when all
  // have as many (the common case); reaching is acyclic, so none lands in what it reaches itself.
  let fewest = Infinity;
  let most = 0;
  for (const e of es) {
    const n = linearized(e);
    fewest = Math.min(fewest, n);
    most = Math.max(most, n);
  }
  if (fewest === most) return es;
  const reached = new Map<string, Explanation>();
  for (const e of es) reachFrom(range, pending, e, reached, most);
  return es.filter((e) => !reached.has(keyOf(e)));
}

/** e with slot g's `op` taking effect now; every pending contract Range sees its effect. */
function linearize(e: Explanation, g: number, op: Op): Explanation {
  const { state, result } = modelStep(e.model, op);
  const done = e.done.slice();
  done[g] = result;
  if (!e.watches) return { model: state, done };
  const watches = e.watches.map((w) => (w ? watchStep(w, op, e.model, state) : null));
  return { model: state, done, watches };
}

/**
 * An explanation as text, values renamed by `name`, slots in `order`, keys renamed by `keys`
 * (the map listed by key name): how explanations are told apart.
 */
export function explanationKey(e: Explanation, name: (v: number) => number = SAME, order?: readonly number[], keys?: KeyRenaming): string {
  // Concatenated in loops: this keys every explanation the monitor meets, and the arrays that
  // map and join built were a share of the search's garbage.
  let text = '';
  const keyCount = keys ? keys.raw.length : e.model.length;
  for (let i = 0; i < keyCount; i++) text += `${i ? ',' : ''}${name(e.model[keys ? keys.raw[i]! : i]!)}`;
  text += '/';
  const slots = order ? order.length : e.done.length;
  for (let i = 0; i < slots; i++) {
    const d = e.done[order ? order[i]! : i]!;
    text += `${i ? ' ' : ''}${d ? resultKey(d, name, keys) : '.'}`;
  }
  if (!e.watches) return text;
  text += '/';
  for (let i = 0; i < slots; i++) {
    const w = e.watches[order ? order[i]! : i]!;
    text += `${i ? ' ' : ''}${w ? watchKey(w, name, keys) : '.'}`;
  }
  return text;
}

/**
 * explanationKey(e), worked out once per explanation: a return keys each one at its start, in
 * its closure, in distinct and roots, and interning keys the state it makes (monitor-memo.ts);
 * a third of a return's time went to keying the same explanations again. Kept on the
 * explanation itself: a WeakMap or Map by object made returns twice as slow.
 */
export function keyOf(e: Explanation): string {
  return (e.key ??= explanationKey(e));
}

/**
 * Sorted by key, duplicates dropped, and explanations whose Range watches another one with the
 * same map and results covers dropped (see watchCovers): what is left is the unique set of
 * maximal explanations, so equal situations are equal arrays, and no larger than needed.
 */
function distinct(es: readonly Explanation[]): Explanation[] {
  const byKey = new Map<string, Explanation>();
  for (const e of es) byKey.set(keyOf(e), e);
  // Only explanations with the same map and results can cover each other.
  let groups: Map<string, Explanation[]> | undefined;
  for (const [k, e] of byKey) {
    if (!e.watches) continue;
    groups ??= new Map();
    const base = unwatchedKey(k);
    const group = groups.get(base);
    if (group) group.push(e);
    else groups.set(base, [e]);
  }
  const kept = [...byKey.keys()].filter((k) => {
    const e = byKey.get(k)!;
    if (!e.watches) return true;
    const group = groups!.get(unwatchedKey(k))!;
    return group.length === 1 || !group.some((o) => o !== e && covers(o, e));
  });
  return kept.sort().map((k) => byKey.get(k)!);
}

/**
 * A watched explanation's key without its watches: the key of its map and results alone, which
 * is all of it up to the last '/' (a watch's text has none).
 */
function unwatchedKey(key: string): string {
  return key.slice(0, key.lastIndexOf('/'));
}

/** Each of a's Range watches covers b's (a and b have the same map and results). */
function covers(a: Explanation, b: Explanation): boolean {
  return a.watches!.every((w, g) => {
    const v = b.watches![g];
    return w && v ? watchCovers(w, v) : w === v;
  });
}

/**
 * Canonical text for state caching: values renamed through `values` (after the target state
 * named its own), slots in `order`, explanations sorted. With `keys` (a key-symmetric target,
 * after its state named the keys it holds), keys are renamed too. The monitor may hold keys the
 * target's state no longer mentions; which of those gets which name must not depend on the raw
 * keys, so every order of naming them is tried and the smallest text kept, as for values (past
 * MAX_FRESH of them they are named in raw order: still sound, only not always canonical). The
 * names tried are left off `keys` (nothing is encoded after the monitor).
 */
export function encodeMonitor(m: MonitorState, values: ValueNamer, order: readonly number[], keys?: KeyNamer): string {
  if (m.failed) return 'X';
  if (!keys) return encodeValues(m, values, order);
  const unnamed = keys.unnamed();
  const tries = unnamed.length <= 1 || unnamed.length > MAX_FRESH ? [unnamed] : orderings(unnamed);
  let best: string | undefined;
  for (const names of tries) {
    const named = keys.clone();
    for (const k of names) named.name(k);
    // One way to name them: the caller's value namer names on, as without keys; else each try on a copy.
    const text = encodeValues(m, tries.length === 1 ? values : values.clone(), order, named.renaming());
    if (best === undefined || text < best) best = text;
  }
  return best!;
}

/** encodeMonitor with the keys' names settled: names the values only the monitor holds. */
function encodeValues(m: MonitorState, values: ValueNamer, order: readonly number[], keys?: KeyRenaming): string {
  // Values the target's state holds are named already. Those only the monitor holds (a write
  // overwritten but still a possible linearization) get names here, and which value gets which
  // must not depend on the raw values, or renamed states would encode apart: every order of
  // naming them is tried and the smallest text kept. There are rarely more than two.
  // One pass names them in the order met and notes which they were; with one (the common case)
  // or none, that order is the only one, and no second pass is needed.
  const before = values.clone();
  const fresh = new Set<number>();
  const met = encodeConfigs(m, values, order, keys, fresh);
  if (fresh.size <= 1 || fresh.size > MAX_FRESH) return met;
  let best: string | undefined;
  for (const names of orderings([...fresh])) {
    const namer = before.clone();
    for (const v of names) namer.name(v);
    const text = encodeConfigs(m, namer, order, keys);
    if (best === undefined || text < best) best = text;
  }
  return best!;
}

/**
 * The monitor's explanations in the namer's names, sorted; `note` collects the values the namer
 * had not named. A function of its own, not a named closure made at every encoding: tsx keeps
 * functions' names, and naming one (Object.defineProperty) per call showed in profiles; the
 * anonymous callbacks below get no name.
 */
function encodeConfigs(m: MonitorState, namer: ValueNamer, order: readonly number[], keys: KeyRenaming | undefined, note?: Set<number>): string {
  return m.configs.map((e) => explanationKey(e, (v) => {
    if (note && namer.peek(v) === undefined) note.add(v);
    return namer.name(v);
  }, order, keys)).sort().join(';');
}

/**
 * Past this many values only the monitor holds, they are named in the order met and equal states
 * may encode apart (5! = 120 tries is the most spent on one state); docs/performance.md.
 */
export const MAX_FRESH = 5;

/** The values in the monitor's explanations that `values` has not named. */
export function freshValues(m: MonitorState, values: ValueNamer, order: readonly number[]): Set<number> {
  const fresh = new Set<number>();
  for (const e of m.configs) explanationKey(e, (v) => (values.peek(v) === undefined && fresh.add(v), 0), order);
  return fresh;
}

function orderings<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => orderings([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

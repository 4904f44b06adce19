/**
 * The names a state of the search over classes (classes.ts) gives the execution: which of the
 * execution's goroutine slots, values and keys each of its class's state's is (Node.names), how
 * they carry over from one class to the next, and the monitor's events put in them.
 */
import type { HashPrefix } from './fingerprints.js';
import type { KeyNamer, ValueNamer } from '../../spec/canon.js';
import type { Op, OpResult } from '../../spec/types.js';
import type { Bounds, Names } from './node.js';

/** The target's text under one goroutine order the key tries, and what its namers named on the way. */
export interface TargetText {
  readonly order: readonly number[];
  readonly text: string;
  readonly values: ValueNamer;
  readonly keys: KeyNamer | undefined;
  /** The keys `keys` named, in the order it named them. */
  readonly keyOrder: readonly number[];
  /** The hashes after `${text}#`, the start of the state keys this text begins (classes.ts, stateFingerprint); made when first needed. */
  prefix?: HashPrefix;
}

/** The execution's slot for the class's `slot`; undefined names rename nothing. */
export function slotIn(names: Names | undefined, slot: number): number {
  return names ? names.slots[slot]! : slot;
}

/** The execution's value for the class's `v` (0, no value, stays 0). */
export function valueIn(names: Names | undefined, v: number): number {
  if (v === 0 || !names) return v;
  const raw = names.values.get(v);
  if (raw === undefined) throw new Error(`the explorer is inconsistent: value ${v} of a class's state has no name in the execution`);
  return raw;
}

/**
 * An operation a move starts: the value it holds as its own, in the class (its `fresh` value)
 * and in the execution (`raw`).
 */
export interface Started {
  readonly fresh: number;
  readonly raw: number;
}

/**
 * The execution's value for the class's `v` after a move: the started operation's own value, or
 * valueIn. A function of its own rather than a closure made per move: tsx keeps functions'
 * names, and naming a closure at every move cost 2 % of sync.Map's search (profiled).
 */
export function valueAfter(names: Names | undefined, started: Started | undefined, v: number): number {
  return started && v === started.fresh ? started.raw : valueIn(names, v);
}

/** The execution's key for the class's `k`. */
export function keyIn(names: Names | undefined, k: number): number {
  return names?.keys ? names.keys[k]! : k;
}

/**
 * The monitor's slot order for a goroutine order of the class's: node.ts's monitorOrder with each
 * slot under `names`. One array per order, so the memo's lookups by array stay lookups; found by
 * a number, the slots three bits each after a leading 1 (at most 2 × 4 slots, each below 8),
 * since this runs at every state key and joining a text for it took 2 % of sync.Map's search.
 */
const SLOT_ORDERS = new Map<number, number[]>();

export function slotOrder(order: readonly number[], names: Names | undefined, G: number): number[] {
  let code = 1;
  for (const g of order) code = code * 8 + slotIn(names, g);
  for (const g of order) code = code * 8 + slotIn(names, G + g);
  let known = SLOT_ORDERS.get(code);
  if (!known) {
    known = [...order.map((g) => slotIn(names, g)), ...order.map((g) => slotIn(names, G + g))];
    SLOT_ORDERS.set(code, known);
  }
  return known;
}

/** The keys a namer named, in the order it named them. */
export function namingOrder(keys: KeyNamer): number[] {
  const out = new Array<number>(keys.named);
  for (let k = 0; k < keys.keys; k++) {
    const name = keys.peek(k);
    if (name !== undefined) out[name] = k;
  }
  return out;
}

/**
 * Which of a state with text `from` is each of the class's state with text `to` (the same
 * text): the goroutine listed i-th, the value named i-th and the key named i-th in one are those
 * in the other; keys neither names go over in raw order. One object per content.
 */
export function namesBack(to: TargetText, from: TargetText, b: Bounds): Names {
  const G = b.goroutines;
  const slots = new Array<number>(2 * G);
  to.order.forEach((g, i) => {
    slots[g] = from.order[i]!;
    slots[G + g] = G + from.order[i]!;
  });
  const values = new Map<number, number>();
  to.values.namedValues.forEach((v, i) => values.set(v, from.values.namedValues[i]!));
  let keys: number[] | undefined;
  if (to.keys && from.keys) {
    keys = new Array<number>(b.keys);
    to.keyOrder.forEach((k, i) => (keys![k] = from.keyOrder[i]!));
    const fromUnnamed = from.keys.unnamed();
    to.keys.unnamed().forEach((k, i) => (keys![k] = fromUnnamed[i]!));
  }
  const text = `${slots.join(',')}|${keys?.join(',') ?? ''}|${[...values].join(';')}`;
  let known = NAMES.get(text);
  if (!known) {
    NAMES.set(text, (known = { slots, values, keys }));
    if (slots.every((s, i) => s === i) && [...values].every(([v, was]) => v === was) && (keys?.every((k, i) => k === i) ?? true)) SAME_NAMES.add(known);
  }
  return known;
}

/** Those of NAMES that keep every name: composing with one changes nothing (most steps lead to such a class). */
const SAME_NAMES = new WeakSet<Names>();

/** Names between classes by content, one object each: a search keeps one per move, most of them alike. */
const NAMES = new Map<string, Names>();

/** Drops the names kept by content, with the classes that hold them (classes.ts, forgetClasses). */
export function forgetNames(): void {
  NAMES.clear();
}

/**
 * The execution's names for the next class's state: `back` says which of the state reached (named
 * as the class it was reached from) each of the next class's is, and `names` which of the
 * execution's each of those is. `started`, when the move started an operation: the class's fresh
 * value and the operation's own value in the execution.
 */
export function composed(names: Names | undefined, back: Names | undefined, started: Started | undefined): Names | undefined {
  if (!back) return names;
  if (!started && SAME_NAMES.has(back)) return names;
  const slots = back.slots.map((slot) => slotIn(names, slot));
  const values = new Map<number, number>();
  for (const [v, was] of back.values) values.set(v, valueAfter(names, started, was));
  const keys = back.keys && back.keys.map((k) => keyIn(names, k));
  return { slots, values, keys };
}

/**
 * An operation of the class's in the execution's names. One object per operation, key and value,
 * as startEdges hands out one per start, so the monitor memo's texts of operations are lookups.
 */
const OPS_IN = new WeakMap<Op, Map<number, Op>>();

export function opIn(op: Op, names: Names | undefined, started: Started | undefined): Op {
  const key = 'key' in op ? keyIn(names, op.key) : 0;
  const v = 'value' in op && op.value !== undefined ? valueAfter(names, started, op.value) : 0;
  let byCode = OPS_IN.get(op);
  if (!byCode) OPS_IN.set(op, (byCode = new Map()));
  const code = key * 1_000_003 + v;
  let out = byCode.get(code);
  if (!out) {
    out = { ...op } as Op;
    if ('key' in out) (out as { key: number }).key = key;
    if ('value' in out && out.value !== undefined) (out as { value: number }).value = v;
    byCode.set(code, out);
  }
  return out;
}

export function resultIn(r: OpResult, names: Names | undefined, started: Started | undefined): OpResult {
  switch (r.kind) {
    case 'none':
    case 'len':
      return r;
    case 'value':
      return r.value === 0 ? r : { kind: 'value', value: valueAfter(names, started, r.value), ok: r.ok };
    case 'pairs':
      return { kind: 'pairs', pairs: r.pairs.map(([k, v]) => [keyIn(names, k), valueAfter(names, started, v)] as [number, number]) };
  }
}

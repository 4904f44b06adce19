import type { KeyNamer, ValueNamer } from '../../spec/canon.js';
import { remembered } from '../../spec/remember.js';
import type { Op, OpResult } from '../../spec/types.js';
import { encodeMonitor, explanationKey, keyOf, type MonitorState, monitorCall, monitorInit, monitorReturn, type RangeMode } from './monitor.js';

/**
 * The monitor's functions, remembered. The monitor only changes at calls and returns, and many
 * states of a search share one history: the same operations called and returned in the same
 * order, with the same raw values (an operation's value is its index in the execution), so the
 * same monitor state. Its returns (the closure, the filter, the roots) and its encodings were
 * recomputed at every one of them; a profile of sync.Map at depth 4 put a third of the search
 * there.
 *
 * Monitor states are interned: equal ones (by their explanations' keys, which is how the monitor
 * itself tells explanations apart) are one object, so a call or return met again from the same
 * state with the same argument is a lookup. The functions are pure, so what is remembered is
 * exactly what they would compute again. Nothing here changes a verdict or a key;
 * test/checker/verify/monitor-memo.test.ts compares both on random histories.
 */

/** What is kept on an interned monitor state itself: nothing that reaches another state. */
interface Tag {
  /** Names the state in the tables' keys. */
  readonly id: number;
  /** Every non-zero value the explanations hold, each once, in the order their keys meet them. */
  values?: number[];
  /** This state's encodings by numberKey (see memoEncode). */
  encodings?: Map<number, Encoding>;
}

interface Encoding {
  text: string;
  /** The values encodeMonitor named, in the order it named them (replayed on the caller's namer). */
  named: number[];
}

/*
 * The tables are flat and bounded, keyed by the state's id: a memo kept on each state and
 * pointing at the next states would chain every state ever met to the first one, which the
 * search holds to the end (measured: a third of a GiB more at depth 5).
 */
const INTERNED = new Map<string, MonitorState>();
const TRANSITIONS = new Map<string, MonitorState>();
const ENCODINGS = new Map<string, Encoding>();
let nextId = 0;

/** Past this many entries in any table, all start afresh (a state already handed out stays valid). */
const TABLE_LIMIT = 200_000;

/** Drops everything remembered, so a finished search leaves no memory behind (explore calls it). */
export function forgetMonitorMemo(): void {
  INTERNED.clear();
  TRANSITIONS.clear();
  ENCODINGS.clear();
}

export function memoInit(slots: number, keys: number, range: RangeMode = 'snapshot', roots = true): MonitorState {
  return intern(monitorInit(slots, keys, range, roots));
}

export function memoCall(m: MonitorState, g: number, op: Op): MonitorState {
  if (m.failed) return m;
  const key = `${tagOf(m).id}c${g}|${opText(op)}`;
  let next = TRANSITIONS.get(key);
  if (!next) remember(TRANSITIONS, key, (next = intern(monitorCall(m, g, op))));
  return next;
}

export function memoReturn(m: MonitorState, g: number, result: OpResult): MonitorState {
  if (m.failed || !m.pending[g]) return m;
  const key = `${tagOf(m).id}r${g}|${resultText(result)}`;
  let next = TRANSITIONS.get(key);
  if (!next) remember(TRANSITIONS, key, (next = intern(monitorReturn(m, g, result))));
  return next;
}

/**
 * encodeMonitor's text, which depends on the state, the order, of the value namer only on the
 * names its values already have and on how many values it has named (the next fresh name), and
 * on the names the keys already have.
 */
export function memoEncode(m: MonitorState, values: ValueNamer, order: readonly number[], keys?: KeyNamer): string {
  if (m.failed) return encodeMonitor(m, values, order, keys);
  const tag = tagOf(m);
  tag.values ??= valuesOf(m);
  // A number where it fits: this runs at every state key, and a text key was built and hashed each time.
  const numeric = numberKey(tag.values, values, order, keys);
  const key = numeric >= 0 ? numeric : textKey(tag, values, order, keys);
  const known = typeof key === 'number' ? tag.encodings?.get(key) : ENCODINGS.get(key);
  if (known) {
    for (const v of known.named) values.name(v);
    return known.text;
  }
  const unnamed = tag.values.filter((v) => values.peek(v) === undefined);
  const before = values.named;
  const text = encodeMonitor(m, values, order, keys);
  // The values named, in naming order: their new names are before+1, before+2, ...
  const named = unnamed.filter((v) => values.peek(v) !== undefined).sort((a, b) => values.peek(a)! - values.peek(b)!);
  if (values.named !== before + named.length) throw new Error('the monitor named a value it does not hold');
  if (typeof key === 'number') (tag.encodings ??= new Map()).set(key, { text, named });
  else remember(ENCODINGS, key, { text, named });
  return text;
}

/** Digits of numberKey: the order, the namer's count, a key's or a value's name (or none) each take one. */
const DIGIT = 32;

/**
 * What encodeMonitor's text depends on besides the state (the order, how many values the namer
 * has named, which name each key has, if any, and which name each of the state's values has, if
 * any) as one number, or -1 when it does not fit below 2^50 (then textKey says it). Equal
 * numbers, equal inputs: each part is one base-32 digit, the first is the order's number
 * (orderNumber) and whether keys are named, and the state and the key count fix how many follow.
 */
function numberKey(stateValues: readonly number[], values: ValueNamer, order: readonly number[], keys: KeyNamer | undefined): number {
  const keyDigits = keys ? keys.keys : 0;
  if (keyDigits + stateValues.length + 2 > 10 || values.named >= DIGIT - 1) return -1;
  const orderNo = orderNumber(order);
  if (orderNo >= DIGIT / 2) return -1;
  let key = (2 * orderNo + (keys ? 1 : 0)) * DIGIT + values.named;
  // A name is below DIGIT - 1 (at most values.named, or below keys.keys); DIGIT - 1 stands for "no name yet".
  for (let k = 0; k < keyDigits; k++) key = key * DIGIT + (keys!.peek(k) ?? DIGIT - 1);
  for (const v of stateValues) key = key * DIGIT + (values.peek(v) ?? DIGIT - 1);
  return key;
}

/**
 * A small number per slot order, given in the order first met: the explorer hands out one array
 * per order (node.ts, monitorOrder), so this is a lookup; equal numbers are equal orders.
 */
const ORDER_NUMBERS = new WeakMap<readonly number[], number>();
const ORDERS_BY_TEXT = new Map<string, number>();

function orderNumber(order: readonly number[]): number {
  let n = ORDER_NUMBERS.get(order);
  if (n === undefined) {
    const text = order.join(',');
    n = ORDERS_BY_TEXT.get(text);
    if (n === undefined) ORDERS_BY_TEXT.set(text, (n = ORDERS_BY_TEXT.size));
    ORDER_NUMBERS.set(order, n);
  }
  return n;
}

function textKey(tag: Tag, values: ValueNamer, order: readonly number[], keys: KeyNamer | undefined): string {
  let key = `${tag.id}|${order.join(',')}|${values.named}|`;
  if (keys) for (let k = 0; k < keys.keys; k++) key += `${keys.peek(k) ?? '?'},`;
  key += keys ? '|' : '-';
  for (const v of tag.values!) key += `${values.peek(v) ?? '?'},`;
  return key;
}

function remember<V>(table: Map<string, V>, key: string, value: V): void {
  if (table.size >= TABLE_LIMIT) forgetMonitorMemo();
  table.set(key, value);
}

/**
 * The state's tag, kept on the state under a symbol, not enumerable: a spread of the state (the
 * monitor makes the next state from it so) and a structured clone (states handed to another
 * thread) both leave it behind, so no state carries another's tag or another thread's id. A
 * WeakMap of the tags, as before, made sync.Map's search 7 % slower (a one-thread search at depth
 * 5: 6.13-7.37 s against 5.83-6.75 s, alternating; docs/performance.md). Monitor states are
 * never frozen, so the property can always be added.
 */
function tagOf(m: MonitorState): Tag {
  let tag = (m as { [TAG]?: Tag })[TAG];
  if (!tag) Object.defineProperty(m, TAG, { value: (tag = { id: nextId++ }), enumerable: false });
  return tag;
}

const TAG = Symbol('monitor state tag');

/**
 * A monitor state that came from another thread (the parallel search hands states over as
 * structured clones): the interned one equal to it, so its calls, returns and encodings are
 * lookups again instead of being worked out afresh for an object the tables have never seen.
 */
export function adoptMonitor(m: MonitorState): MonitorState {
  return intern(m);
}

/** The one object for states equal to m: m itself the first time. */
function intern(m: MonitorState): MonitorState {
  const key = stateText(m);
  const known = INTERNED.get(key);
  if (known) return known;
  remember(INTERNED, key, m);
  return m;
}

/** Everything of m that any monitor function reads, as text: equal texts, equal behaviour. */
function stateText(m: MonitorState): string {
  const failed = m.failed ? `${m.failed.goroutine}:${opText(m.failed.op)}` : '';
  return `${m.range}|${m.roots ? 1 : 0}|${m.pending.map((op) => (op ? opText(op) : '.')).join(' ')}|${failed}|${m.configs.map(keyOf).join(';')}`;
}

function valuesOf(m: MonitorState): number[] {
  const seen = new Set<number>();
  for (const e of m.configs) explanationKey(e, (v) => (v !== 0 && seen.add(v), v));
  return [...seen];
}

/**
 * An operation as text, every field of it, made once per operation object: the explorer hands
 * out the same objects for every start (node.ts, `startEdges`), so this is mostly a lookup.
 */
const OP_TEXTS = new WeakMap<Op, string>();

function opText(op: Op): string {
  return remembered(OP_TEXTS, op, () => JSON.stringify(op));
}

/** A result as text, exactly (resultKey folds an absent value; this keeps it). */
function resultText(r: OpResult): string {
  switch (r.kind) {
    case 'none': return '-';
    case 'value': return `v${r.ok ? 1 : 0}:${r.value}`;
    case 'len': return `n${r.n}`;
    case 'pairs': return `[${r.pairs.join(';')}]`;
  }
}

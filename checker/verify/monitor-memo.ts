import type { ValueNamer } from '../../spec/canon.js';
import type { Op, OpResult } from '../../spec/types.js';
import { encodeMonitor, explanationKey, type MonitorState, monitorCall, monitorInit, monitorReturn, type RangeMode } from './monitor.js';

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

/** What is remembered of one interned monitor state. */
interface Memo {
  readonly calls: Map<string, MonitorState>;
  readonly returns: Map<string, MonitorState>;
  /** Encodings by goroutine order and by the names the target gave the monitor's values. */
  readonly encodings: Map<string, Encoding>;
  /** Every non-zero value the explanations hold, each once, in the order their keys meet them. */
  values?: number[];
}

interface Encoding {
  text: string;
  /** The values encodeMonitor named, in the order it named them (replayed on the caller's namer). */
  named: number[];
}

const MEMOS = new WeakMap<MonitorState, Memo>();
const INTERNED = new Map<string, MonitorState>();

/** Past this many interned states the table starts afresh (old states keep their memos while alive). */
const INTERNED_LIMIT = 400_000;
/** Encodings kept per state: one per naming situation met; more than this and they start afresh. */
const ENCODINGS_LIMIT = 256;

export function memoInit(slots: number, keys: number, range: RangeMode = 'snapshot', roots = true): MonitorState {
  return intern(monitorInit(slots, keys, range, roots));
}

export function memoCall(m: MonitorState, g: number, op: Op): MonitorState {
  if (m.failed) return m;
  const memo = memoOf(m);
  const key = `${g}|${opText(op)}`;
  let next = memo.calls.get(key);
  if (!next) memo.calls.set(key, (next = intern(monitorCall(m, g, op))));
  return next;
}

export function memoReturn(m: MonitorState, g: number, result: OpResult): MonitorState {
  if (m.failed || !m.pending[g]) return m;
  const memo = memoOf(m);
  const key = `${g}|${resultText(result)}`;
  let next = memo.returns.get(key);
  if (!next) memo.returns.set(key, (next = intern(monitorReturn(m, g, result))));
  return next;
}

/**
 * encodeMonitor's text, which depends on the state, the order and, of the namer, only on the
 * names its values already have and on how many values it has named (the next fresh name).
 */
export function memoEncode(m: MonitorState, values: ValueNamer, order: readonly number[]): string {
  if (m.failed) return encodeMonitor(m, values, order);
  const memo = memoOf(m);
  memo.values ??= valuesOf(m);
  let key = `${order.join(',')}|${values.named}|`;
  for (const v of memo.values) key += `${values.peek(v) ?? '?'},`;
  const known = memo.encodings.get(key);
  if (known) {
    for (const v of known.named) values.name(v);
    return known.text;
  }
  const unnamed = memo.values.filter((v) => values.peek(v) === undefined);
  const before = values.named;
  const text = encodeMonitor(m, values, order);
  // The values named, in naming order: their new names are before+1, before+2, ...
  const named = unnamed.filter((v) => values.peek(v) !== undefined).sort((a, b) => values.peek(a)! - values.peek(b)!);
  if (values.named !== before + named.length) throw new Error('the monitor named a value it does not hold');
  if (memo.encodings.size >= ENCODINGS_LIMIT) memo.encodings.clear();
  memo.encodings.set(key, { text, named });
  return text;
}

function memoOf(m: MonitorState): Memo {
  let memo = MEMOS.get(m);
  if (!memo) MEMOS.set(m, (memo = { calls: new Map(), returns: new Map(), encodings: new Map() }));
  return memo;
}

/** The one object for states equal to m: m itself the first time. */
function intern(m: MonitorState): MonitorState {
  const key = stateText(m);
  const known = INTERNED.get(key);
  if (known) return known;
  if (INTERNED.size >= INTERNED_LIMIT) INTERNED.clear();
  INTERNED.set(key, m);
  return m;
}

/** Everything of m that any monitor function reads, as text: equal texts, equal behaviour. */
function stateText(m: MonitorState): string {
  const failed = m.failed ? `${m.failed.goroutine}:${opText(m.failed.op)}` : '';
  return `${m.range}|${m.roots ? 1 : 0}|${m.pending.map((op) => (op ? opText(op) : '.')).join(' ')}|${failed}|${m.configs.map((e) => explanationKey(e)).join(';')}`;
}

function valuesOf(m: MonitorState): number[] {
  const seen = new Set<number>();
  for (const e of m.configs) explanationKey(e, (v) => (v !== 0 && seen.add(v), v));
  return [...seen];
}

/** An operation as text, every field of it. */
function opText(op: Op): string {
  return JSON.stringify(op);
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

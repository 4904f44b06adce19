import { type MapModelState, modelInit, modelStep } from '../../spec/model.js';
import { describeOp, describeResult } from '../../spec/describe.js';
import type { Op } from '../../spec/types.js';
import { type History, type HistoryOp, validateHistory } from './history.js';
import type { RangeMode } from './monitor.js';
import { partitionByKey } from './partition.js';
import { contractViolation, type RangeWatch, watchKey, watchStart, watchStep } from './range-rule.js';
import { resultMismatch } from './results.js';

/**
 * The offline linearizability verifier: given a whole history, is there an order of its
 * operations that respects real time and gives every operation its result under the sequential
 * model (spec/model.ts)? A Wing–Gong search with memoization, as Porcupine does it: place any
 * operation that no unplaced operation precedes, depth first, and never revisit a (set of
 * placed operations as a bitset, model state with the open Ranges' watches) pair. Operations
 * that never returned may take effect or not.
 * Range is judged by `RangeMode` (the rule is stated in monitor.ts).
 */

export const DEFAULT_MAX_STEPS = 1_000_000;

export interface CheckOptions {
  /** How Range results are judged; default 'snapshot'. */
  range?: RangeMode;
  /**
   * Search nodes visited before giving up with 'unknown', for each part checked on its own (each
   * key's operations, or the whole history; see partition.ts); default DEFAULT_MAX_STEPS.
   */
  maxSteps?: number;
  /**
   * The map ranges over keys 0..keys-1; default one past the largest key the history names.
   * A key nobody names is always absent, so the default decides exactly as any larger count.
   */
  keys?: number;
}

export type LinearizabilityVerdict =
  | { verdict: 'ok' }
  /** `op` cannot be placed: every partial linearization gets stuck before its return; `reason` says why, on one line. */
  | { verdict: 'nonlinearizable'; op: HistoryOp; reason: string }
  /** The search hit its step bound: nothing is known, and this is never an ok. */
  | { verdict: 'unknown'; reason: string };

export function checkLinearizable(h: History, options: CheckOptions = {}): LinearizabilityVerdict {
  validateHistory(h);
  const range = options.range ?? 'snapshot';
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const keys = options.keys ?? keysNamed(h);
  const parts = partitionByKey(h);
  let gaveUp: LinearizabilityVerdict | undefined;
  for (const part of parts ?? [h]) {
    const v = new Search(entriesOf(part, range), keys, maxSteps).run();
    if (v.verdict === 'nonlinearizable') return v;
    // Keep going after giving up on one part: a later part may still prove the history wrong.
    if (v.verdict === 'unknown' && !gaveUp) {
      const where = parts ? `on the operations on k${'key' in part[0]!.op ? part[0]!.op.key : '?'}` : 'on the whole history';
      gaveUp = { verdict: 'unknown', reason: `gave up after ${maxSteps} search steps ${where}` };
    }
  }
  return gaveUp ?? { verdict: 'ok' };
}

/**
 * One thing the search places. An operation is one 'step'; a contract Range is two, the opening
 * and the closing of its interval, each at a single position (its call, its return): between
 * them, whatever else is placed is inside the Range.
 */
interface Entry {
  source: HistoryOp;
  kind: 'step' | 'begin' | 'end';
  call: number;
  /** Infinity when the operation never returned: nothing waits for it, and it may be left out. */
  ret: number;
  /** This entry's bit in the set of placed entries. */
  bit: bigint;
  /** For an 'end': the bit of its Range's 'begin'. */
  opens?: bigint;
}

function entriesOf(h: History, range: RangeMode): Entry[] {
  const raw: Array<Omit<Entry, 'bit' | 'opens'>> = [];
  for (const o of h) {
    const returned = o.ret !== undefined;
    // Reads that never returned have no effect and nothing to match: leaving them out explains them.
    if (!returned && !mayWrite(o.op)) continue;
    if (range === 'contract' && o.op.kind === 'range') {
      raw.push({ source: o, kind: 'begin', call: o.call, ret: o.call });
      raw.push({ source: o, kind: 'end', call: o.ret!, ret: o.ret! });
    } else {
      raw.push({ source: o, kind: 'step', call: o.call, ret: o.ret ?? Infinity });
    }
  }
  // By call position (stable: a Range's begin stays before its end), so candidates are a prefix.
  raw.sort((a, b) => a.call - b.call);
  const entries: Entry[] = raw.map((e, i) => ({ ...e, bit: 1n << BigInt(i) }));
  const begins = new Map<number, bigint>();
  for (const e of entries) {
    if (e.kind === 'begin') begins.set(e.source.id, e.bit);
    if (e.kind === 'end') e.opens = begins.get(e.source.id)!;
  }
  return entries;
}

function mayWrite(op: Op): boolean {
  return op.kind === 'assign' || op.kind === 'delete' || op.kind === 'clear' || op.kind === 'loadOrStore' || op.kind === 'loadAndDelete';
}

/** A point of the search: the model after the placed entries, and what each open Range has seen. */
interface State {
  model: MapModelState;
  /** Per open contract Range (by its begin's bit), sorted by bit. */
  watches: ReadonlyArray<readonly [bigint, RangeWatch]>;
}

type Placed = { state: State } | { why: string };

class Search {
  /** (placed set, state) pairs already explored: Porcupine's cache. */
  private readonly seen = new Set<string>();
  private steps = 0;
  /** The partial linearization that placed the most entries, and the entry it could not place. */
  private deepest: { placed: number; blocker: Entry; state: State } | undefined;

  constructor(
    private readonly entries: readonly Entry[],
    private readonly keys: number,
    private readonly maxSteps: number,
  ) {}

  run(): LinearizabilityVerdict {
    const r = this.visit(0n, { model: modelInit(this.keys), watches: [] }, 0);
    if (r === 'ok') return { verdict: 'ok' };
    if (r === 'bound') return { verdict: 'unknown', reason: `gave up after ${this.maxSteps} search steps` };
    const d = this.deepest!;
    const placed = place(d.blocker, d.state);
    const why = 'why' in placed ? placed.why : 'it cannot follow the operations that must precede it';
    return { verdict: 'nonlinearizable', op: d.blocker.source, reason: `${describe(d.blocker.source)}: ${why}` };
  }

  private visit(mask: bigint, state: State, placed: number): 'ok' | 'fail' | 'bound' {
    if (++this.steps > this.maxSteps) return 'bound';
    // The unplaced entry that returns first: nothing called after its return can go before it.
    let blocker: Entry | undefined;
    for (const e of this.entries) if ((mask & e.bit) === 0n && e.ret < (blocker?.ret ?? Infinity)) blocker = e;
    if (!blocker) return 'ok'; // every returned operation is placed; the rest never took effect
    if (!this.deepest || placed > this.deepest.placed) this.deepest = { placed, blocker, state };
    for (const e of this.entries) {
      if (e.call > blocker.ret) break;
      if ((mask & e.bit) !== 0n || (e.opens !== undefined && (mask & e.opens) === 0n)) continue;
      const next = place(e, state);
      if ('why' in next) continue;
      const nextMask = mask | e.bit;
      const key = `${nextMask.toString(36)}/${stateKey(next.state)}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      const r = this.visit(nextMask, next.state, placed + 1);
      if (r !== 'fail') return r;
    }
    return 'fail';
  }
}

/** The state after placing `e`, or why `e` cannot go here. Never mutates `s`. */
function place(e: Entry, s: State): Placed {
  const o = e.source;
  switch (e.kind) {
    case 'begin':
      return { state: { model: s.model, watches: [...s.watches, [e.bit, watchStart(s.model)] as const].sort((a, b) => (a[0] < b[0] ? -1 : 1)) } };
    case 'end': {
      if (o.op.kind !== 'range' || o.result?.kind !== 'pairs') return { why: 'a Range must return pairs' };
      const w = s.watches.find(([bit]) => bit === e.opens)![1];
      const why = contractViolation(w, o.op, o.result.pairs);
      if (why) return { why };
      return { state: { model: s.model, watches: s.watches.filter(([bit]) => bit !== e.opens) } };
    }
    case 'step': {
      const { state, result } = modelStep(s.model, o.op);
      if (o.result) {
        const why = resultMismatch(o.op, result, o.result);
        if (why) return { why };
      }
      const watches = s.watches.map(([bit, w]) => [bit, watchStep(w, o.op, s.model, state)] as const);
      return { state: { model: state, watches } };
    }
  }
}

function stateKey(s: State): string {
  const same = (v: number): number => v;
  return `${s.model.join(',')}/${s.watches.map(([bit, w]) => `${bit.toString(36)}:${watchKey(w, same)}`).join(' ')}`;
}

function describe(o: HistoryOp): string {
  const returned = o.result ? ` returned ${describeResult(o.result)}` : '';
  return `${describeOp(o.op)} (#${o.id}, slot ${o.slot})${returned}`;
}

function keysNamed(h: History): number {
  let max = -1;
  for (const o of h) {
    if ('key' in o.op) max = Math.max(max, o.op.key);
    if (o.result?.kind === 'pairs') for (const [k] of o.result.pairs) max = Math.max(max, k);
  }
  return max + 1;
}

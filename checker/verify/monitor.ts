import { type MapModelState, modelInit, modelStep, pairsKey } from '../../spec/model.js';
import type { ValueNamer } from '../../spec/canon.js';
import type { Op, OpResult } from '../../spec/types.js';

/**
 * An online linearizability monitor (Wing–Gong search run forward, one event at a time). Its
 * state is every way the history so far can be explained: a sequential map state plus, for each
 * goroutine's pending operation, the result it was linearized with (or not yet). Because it is a
 * function of the history's future-relevant part only, it can be part of the explorer's state
 * key, so state caching keeps every verdict.
 */
export interface MonitorState {
  /** The operation each goroutine has called and not yet returned from. */
  readonly pending: ReadonlyArray<Op | null>;
  /** Sorted, distinct explanations; empty once the history cannot be linearized. */
  readonly configs: readonly Explanation[];
  /** Set once an operation's return could not be placed: which goroutine and operation. */
  readonly failed?: { goroutine: number; op: Op };
}

interface Explanation {
  readonly model: MapModelState;
  /** Per goroutine: the result its pending op was linearized with, or null. */
  readonly done: ReadonlyArray<OpResult | null>;
}

const SAME = (v: number): number => v;

/** A result as text; `name` renames values (see ValueNamer) when states are compared. */
export function resultKey(r: OpResult, name: (v: number) => number = SAME): string {
  switch (r.kind) {
    case 'none': return '-';
    case 'value': return r.ok ? `v${name(r.value)}` : 'absent';
    case 'len': return `n${r.n}`;
    case 'pairs': return `[${pairsKey(r.pairs.map(([k, v]) => [k, name(v)] as const))}]`;
  }
}

export function monitorInit(goroutines: number, keys: number): MonitorState {
  const done = new Array<OpResult | null>(goroutines).fill(null);
  return { pending: done.map(() => null), configs: [{ model: modelInit(keys), done }] };
}

export function monitorCall(m: MonitorState, g: number, op: Op): MonitorState {
  if (m.failed) return m;
  const pending = m.pending.slice();
  pending[g] = op;
  return { pending, configs: m.configs };
}

/** g's pending operation returned `result`: keep the explanations in which it could have. */
export function monitorReturn(m: MonitorState, g: number, result: OpResult): MonitorState {
  const op = m.pending[g];
  if (m.failed || !op) return m;
  const want = resultKey(result);
  const pending = m.pending.slice();
  pending[g] = null;
  const kept = new Map<string, Explanation>();
  for (const e of closure(m.pending, m.configs)) {
    const d = e.done[g];
    if (!d || resultKey(d) !== want) continue;
    const done = e.done.slice();
    done[g] = null;
    const next = { model: e.model, done };
    kept.set(explanationKey(next), next);
  }
  if (kept.size === 0) return { pending, configs: [], failed: { goroutine: g, op } };
  return { pending, configs: sortedValues(kept) };
}

/** Every explanation reachable by linearizing any of the pending, not yet linearized operations. */
function closure(pending: ReadonlyArray<Op | null>, start: readonly Explanation[]): Explanation[] {
  const seen = new Map<string, Explanation>();
  const work = [...start];
  for (const e of start) seen.set(explanationKey(e), e);
  while (work.length > 0) {
    const e = work.pop()!;
    pending.forEach((op, g) => {
      if (!op || e.done[g] !== null) return;
      const { state, result } = modelStep(e.model, op);
      const done = e.done.slice();
      done[g] = result;
      const next = { model: state, done };
      const k = explanationKey(next);
      if (!seen.has(k)) {
        seen.set(k, next);
        work.push(next);
      }
    });
  }
  return [...seen.values()];
}

function explanationKey(e: Explanation, name: (v: number) => number = SAME, order?: readonly number[]): string {
  const done = order ? order.map((g) => e.done[g]!) : e.done;
  return `${e.model.map(name).join(',')}/${done.map((d) => (d ? resultKey(d, name) : '.')).join(' ')}`;
}

function sortedValues(m: Map<string, Explanation>): Explanation[] {
  return [...m.keys()].sort().map((k) => m.get(k)!);
}

/**
 * Canonical text for state caching: values renamed through `values` (after the target state
 * named its own), goroutines in `order`, explanations sorted.
 */
export function encodeMonitor(m: MonitorState, values: ValueNamer, order: readonly number[]): string {
  if (m.failed) return 'X';
  const name = (v: number): number => values.name(v);
  return m.configs.map((e) => explanationKey(e, name, order)).sort().join(';');
}

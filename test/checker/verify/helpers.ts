import type { History, HistoryOp } from '../../../checker/verify/history.js';
import { historyEvents } from '../../../checker/verify/history.js';
import { checkLinearizable, type CheckOptions, type LinearizabilityVerdict } from '../../../checker/verify/linearizability.js';
import { monitorCall, monitorInit, monitorReturn, type MonitorState, type RangeMode } from '../../../checker/verify/monitor.js';
import type { Op, OpResult, RangeBody } from '../../../spec/types.js';

/** Operations, named as sync.Map names them. */
export const store = (key: number, value: number): Op => ({ kind: 'assign', key, value });
export const load = (key: number): Op => ({ kind: 'access', key });
export const del = (key: number): Op => ({ kind: 'delete', key });
export const loadOrStore = (key: number, value: number): Op => ({ kind: 'loadOrStore', key, value });
export const loadAndDelete = (key: number): Op => ({ kind: 'loadAndDelete', key });
export const range = (body?: RangeBody, value?: number): Op =>
  ({ kind: 'range', ...(body ? { body } : {}), ...(value === undefined ? {} : { value }) });
export const len: Op = { kind: 'len' };
export const clear: Op = { kind: 'clear' };

/** Results. */
export const NONE: OpResult = { kind: 'none' };
export const got = (value: number): OpResult => ({ kind: 'value', value, ok: true });
export const MISSING: OpResult = { kind: 'value', value: 0, ok: false };
/** LoadOrStore that stored `value`: Go returns (value, false). */
export const stored = (value: number): OpResult => ({ kind: 'value', value, ok: false });
export const pairs = (...ps: Array<[number, number]>): OpResult => ({ kind: 'pairs', pairs: ps });
export const count = (n: number): OpResult => ({ kind: 'len', n });

/** One event of a hand-written history: a slot calls an operation, or returns from its pending one. */
export type Ev = ['call', slot: number, op: Op] | ['ret', slot: number, result: OpResult];
export const call = (slot: number, op: Op): Ev => ['call', slot, op];
export const ret = (slot: number, result: OpResult): Ev => ['ret', slot, result];

/** A history from events in real-time order; an event's position is its index. */
export function history(events: readonly Ev[]): HistoryOp[] {
  const out: HistoryOp[] = [];
  const open = new Map<number, HistoryOp>();
  events.forEach((e, at) => {
    if (e[0] === 'call') {
      const o: HistoryOp = { id: out.length, slot: e[1], op: e[2], call: at };
      out.push(o);
      open.set(e[1], o);
    } else {
      const o = open.get(e[1]);
      if (!o) throw new Error(`test history: slot ${e[1]} returns with nothing pending`);
      o.ret = at;
      o.result = e[2];
      open.delete(e[1]);
    }
  });
  return out;
}

/** The online monitor fed the history's events in order; `slots` covers every slot used. */
export function runMonitor(h: History, range: RangeMode, keys = keysOf(h)): MonitorState {
  const slots = Math.max(0, ...h.map((o) => o.slot + 1));
  let m = monitorInit(slots, keys, range);
  for (const e of historyEvents(h)) m = e.kind === 'call' ? monitorCall(m, e.slot, e.op) : monitorReturn(m, e.slot, e.result);
  return m;
}

function keysOf(h: History): number {
  let max = 0;
  for (const o of h) {
    if ('key' in o.op) max = Math.max(max, o.op.key + 1);
    if (o.result?.kind === 'pairs') for (const [k] of o.result.pairs) max = Math.max(max, k + 1);
  }
  return max;
}

/** Both verifiers' verdicts on one history, for tests that expect them to agree. */
export function judge(events: readonly Ev[], range: RangeMode = 'snapshot', options: CheckOptions = {}): {
  online: boolean;
  offline: LinearizabilityVerdict;
} {
  const h = history(events);
  return { online: !runMonitor(h, range).failed, offline: checkLinearizable(h, { range, ...options }) };
}

/** 'ok' or 'nonlinearizable' when both verifiers say so; throws when they disagree. */
export function verdict(events: readonly Ev[], range: RangeMode = 'snapshot'): 'ok' | 'nonlinearizable' {
  const { online, offline } = judge(events, range);
  if (offline.verdict === 'unknown') throw new Error(`offline gave up: ${offline.reason}`);
  if (online !== (offline.verdict === 'ok')) {
    throw new Error(`the verifiers disagree: online ${online ? 'ok' : 'failed'}, offline ${JSON.stringify(offline)}`);
  }
  return offline.verdict;
}

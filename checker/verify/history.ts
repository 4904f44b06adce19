import type { Op, OpResult, Scenario, StepInfo } from '../../spec/types.js';

/**
 * A complete history, the offline verifier's input: every operation with the positions of its
 * call and return events. Positions are points in real time: A precedes B iff A.ret < B.call;
 * otherwise they overlap.
 */
export interface HistoryOp {
  /** Distinct per operation; reported back in verdicts. */
  id: number;
  /** The sequential caller that ran it: goroutine g, or G+g for a call made inside g's Range callback. */
  slot: number;
  op: Op;
  /** Position of the call event. */
  call: number;
  /** Position of the return event (>= call); absent when the operation never returned. */
  ret?: number;
  /** What it returned; present exactly when `ret` is. */
  result?: OpResult;
}

export type History = readonly HistoryOp[];

/** A malformed history is the caller's mistake: say what is wrong with it. */
export function validateHistory(h: History): void {
  const ids = new Set<number>();
  for (const o of h) {
    if (ids.has(o.id)) throw new RangeError(`history: operation id ${o.id} occurs twice; give each operation its own id`);
    ids.add(o.id);
    if ((o.ret === undefined) !== (o.result === undefined)) {
      throw new RangeError(`history: operation #${o.id} needs both ret and result (it returned) or neither (it never returned)`);
    }
    if (o.ret !== undefined && o.ret < o.call) throw new RangeError(`history: operation #${o.id} returns (${o.ret}) before its call (${o.call})`);
    if (o.op.kind === 'range' && o.result && o.result.kind !== 'pairs') throw new RangeError(`history: Range #${o.id} must return pairs`);
  }
}

/** One event of a history, in the order the online monitor is fed. */
export type HistoryEvent =
  | { kind: 'call'; slot: number; op: Op; id: number }
  | { kind: 'return'; slot: number; result: OpResult; id: number };

/** The history's events by position; at equal positions calls come first (they overlap). */
export function historyEvents(h: History): HistoryEvent[] {
  const timed: Array<{ at: number; call: boolean; e: HistoryEvent }> = [];
  for (const o of h) {
    timed.push({ at: o.call, call: true, e: { kind: 'call', slot: o.slot, op: o.op, id: o.id } });
    if (o.ret !== undefined && o.result) {
      timed.push({ at: o.ret, call: false, e: { kind: 'return', slot: o.slot, result: o.result, id: o.id } });
    }
  }
  // Stable sort: an operation's own call stays before its return at the same position.
  timed.sort((a, b) => a.at - b.at || Number(b.call) - Number(a.call));
  return timed.map((t) => t.e);
}

/**
 * The history of an execution as the checker records it (ExecutionView.steps) running
 * `scenario`. Top-level operations take their Op from the scenario (goroutine g's i-th call is
 * scenario[g][i], as the replayer starts them); calls made inside a Range callback carry theirs
 * in nestedCall and get slot G+g, as node.ts gives them. Each step's events get positions in the
 * order node.ts feeds the monitor: call, nestedCall, nestedReturns, returns.
 */
export function historyFromSteps(steps: readonly StepInfo[], scenario: Scenario): HistoryOp[] {
  const G = scenario.length;
  const out: HistoryOp[] = [];
  const open = new Map<number, HistoryOp>(); // slot -> its operation in progress
  const started = scenario.map(() => 0);
  let at = 0;
  const begin = (slot: number, op: Op): void => {
    const o: HistoryOp = { id: out.length, slot, op, call: at++ };
    out.push(o);
    open.set(slot, o);
  };
  const end = (slot: number, result: OpResult): void => {
    const o = open.get(slot);
    if (!o) throw new Error(`the execution is inconsistent: slot ${slot} returns with no operation in progress`);
    o.ret = at++;
    o.result = result;
    open.delete(slot);
  };
  for (const s of steps) {
    const g = s.goroutine;
    if (s.call) {
      const op = scenario[g]?.[started[g]!];
      if (!op) throw new Error(`the scenario has no operation ${started[g]} for goroutine ${g}, but the execution calls one`);
      started[g]!++;
      begin(g, op);
    }
    if (s.nestedCall) begin(G + g, s.nestedCall);
    if (s.nestedReturns) end(G + g, s.nestedReturns);
    if (s.returns) end(g, s.returns);
  }
  return out;
}

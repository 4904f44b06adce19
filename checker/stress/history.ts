import type { RoundLog } from '../../impl/stress/log.js';
import type { Op, OpResult } from '../../spec/types.js';
import type { HistoryOp } from '../verify/history.js';

/**
 * A round's log as the offline verifier's history: worker w is slot w, and positions are the
 * shared clock's, so "A returned before B was called" is exactly A.ret < B.call. Operations that
 * threw have no return: they may or may not have taken effect.
 *
 * The calls a sync.Map Range's callback made are operations of their own, in slot W+w (W
 * workers), as the explorer numbers them (checker/explore/node.ts nestedSlot). They come after
 * every worker's operations, so ids 0, 1, ... still number the logged operations in log order.
 */
export function roundHistory(log: RoundLog): HistoryOp[] {
  const out: HistoryOp[] = [];
  const add = (slot: number, o: { op: Op; call: number; ret?: number; result?: OpResult }): void => {
    const h: HistoryOp = { id: out.length, slot, op: o.op, call: o.call };
    if (o.ret !== undefined && o.result) {
      h.ret = o.ret;
      h.result = o.result;
    }
    out.push(h);
  };
  log.workers.forEach((ops, w) => ops.forEach((o) => add(w, o)));
  const W = log.workers.length;
  const NONE: OpResult = { kind: 'none' };
  log.workers.forEach((ops, w) => {
    for (const o of ops) for (const n of o.nested ?? []) add(W + w, n.ret === undefined ? n : { ...n, result: NONE });
  });
  return out;
}

/** The slot of the reads made after the round: past the workers' and their Ranges' nested calls. */
export function afterRoundSlot(log: RoundLog): number {
  return 2 * log.workers.length;
}

/** One past the largest position in the log (errors included): where events after the round go. */
export function endOfRound(log: RoundLog): number {
  let end = 0;
  for (const ops of log.workers) for (const o of ops) end = Math.max(end, o.call + 1, (o.ret ?? 0) + 1, (o.error?.at ?? 0) + 1);
  // Nested calls lie inside their Range's interval, unless it threw: then one may be the last event.
  for (const ops of log.workers) for (const o of ops) for (const n of o.nested ?? []) end = Math.max(end, n.call + 1, (n.ret ?? 0) + 1);
  return end;
}

/** Whether op may write: a Range whose callback deletes or stores writes through its nested calls. */
function writes(op: Op): boolean {
  switch (op.kind) {
    case 'assign':
    case 'delete':
    case 'clear':
    case 'loadOrStore':
    case 'loadAndDelete': return true;
    case 'range': return op.body === 'delete' || op.body === 'store';
    default: return false;
  }
}

/**
 * Whether the round misused the map: two workers' operations overlapped in time and at least one
 * of them writes (concurrent reads are allowed in Go). An operation that never returned overlaps
 * everything called after it. A round without such a pair ran as if sequentially, and must end
 * harmless: anything else is a bug of the implementation, not a race.
 */
export function isRacy(log: RoundLog): boolean {
  const ivs = log.workers.flatMap((ops, w) => ops.map((o) => ({ w, from: o.call, to: o.ret ?? Infinity, write: writes(o.op) })));
  ivs.sort((a, b) => a.from - b.from);
  // Sweep by call: keep the operations still open; each new one overlaps exactly those.
  let open: typeof ivs = [];
  for (const iv of ivs) {
    open = open.filter((o) => o.to > iv.from);
    if (open.some((o) => o.w !== iv.w && (o.write || iv.write))) return true;
    open.push(iv);
  }
  return false;
}

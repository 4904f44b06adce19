import type { RoundLog } from '../../impl/stress/log.js';
import type { Op } from '../../spec/types.js';
import type { HistoryOp } from '../verify/history.js';

/**
 * A round's log as the offline verifier's history: worker w is slot w, and positions are the
 * shared clock's, so "A returned before B was called" is exactly A.ret < B.call. Operations that
 * threw have no return: they may or may not have taken effect.
 */
export function roundHistory(log: RoundLog): HistoryOp[] {
  const out: HistoryOp[] = [];
  log.workers.forEach((ops, w) => {
    for (const o of ops) {
      const h: HistoryOp = { id: out.length, slot: w, op: o.op, call: o.call };
      if (o.ret !== undefined && o.result) {
        h.ret = o.ret;
        h.result = o.result;
      }
      out.push(h);
    }
  });
  return out;
}

/** One past the largest position in the log (errors included): where events after the round go. */
export function endOfRound(log: RoundLog): number {
  let end = 0;
  for (const ops of log.workers) for (const o of ops) end = Math.max(end, o.call + 1, (o.ret ?? 0) + 1, (o.error?.at ?? 0) + 1);
  return end;
}

function writes(op: Op): boolean {
  return op.kind === 'assign' || op.kind === 'delete' || op.kind === 'clear';
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

import type { MapImage } from '../../impl/hmap/image.js';
import type { LoggedError, LoggedOp, RoundLog } from '../../impl/stress/log.js';
import type { MapConfig } from '../../spec/config.js';
import { describeOp } from '../../spec/describe.js';
import type { HistoryOp } from '../verify/history.js';
import { checkLinearizable } from '../verify/linearizability.js';
import { afterRoundSlot, endOfRound, isRacy, roundHistory } from './history.js';
import { COUNT_INVARIANT, finalMap } from './structure.js';

/**
 * How one round of free-running workers ended, in the terms of Go's own detection rate:
 *   fatal      Go would have stopped the program (fatal, throw, or a runtime panic): misuse caught.
 *   silent     no crash, but the map went wrong: a read no order explains, a lost key or write,
 *              a count that disagrees with the live keys, or another broken invariant.
 *   harmless   no crash, the history is linearizable and the final map intact.
 *   undecided  the linearizability search gave up (its step bound); never counted as harmless.
 */
export type RoundClass = 'fatal' | 'silent' | 'harmless' | 'undecided';

/** The kinds of silent damage, as reports name them. */
export const SILENT = {
  wrongRead: 'wrong read',
  lostKey: 'lost key',
  lostWrite: 'lost write',
  lostCount: 'lost count',
  arenaFull: 'runaway growth (arena full)',
  stuck: 'stuck: an operation never returned',
} as const;

export interface RoundVerdict {
  class: RoundClass;
  /** 'fatal: concurrent map writes', 'silent: lost key', 'harmless', 'undecided'. */
  outcome: string;
  /** Every kind of silent damage found, the outcome's first (a round can show several). */
  kinds: string[];
  /** One line: what went wrong, and where. */
  detail?: string;
  /** Two workers' operations overlapped and one of them writes (see isRacy). */
  racy: boolean;
  /** A fatal round in which a read had already returned a value no order explains: harm done before Go noticed. */
  wrongReadBeforeCrash?: string;
}

/** A map operation threw something that is not Go's: a bug of impl/, never a finding. */
export class StressBugError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StressBugError';
  }
}

interface Thrown {
  w: number;
  op: LoggedOp;
  error: LoggedError;
}

export function classifyRound(log: RoundLog, image: MapImage, cfg: MapConfig, keys: number): RoundVerdict {
  const racy = isRacy(log);
  const thrown = log.workers.flatMap((ops, w) => ops.flatMap((op) => (op.error ? [{ w, op, error: op.error }] : [])));
  thrown.sort((a, b) => a.error.at - b.error.at);
  const other = thrown.find((t) => t.error.kind === 'other');
  if (other) throw new StressBugError(`${where(other)} threw ${other.error.message}: not a Go error, a bug of impl/hmap`);
  // The first crash is the one Go would have reported: it ends the program there.
  const crash = thrown.find((t) => t.error.kind === 'fatal' || t.error.kind === 'throw' || t.error.kind === 'panic');
  if (crash) {
    const verdict: RoundVerdict = { class: 'fatal', outcome: `${crash.error.kind}: ${crash.error.message}`, kinds: [], detail: where(crash), racy };
    const before = checkLinearizable(historyUntil(log, crash.op.call), { keys });
    if (before.verdict === 'nonlinearizable') verdict.wrongReadBeforeCrash = before.reason;
    return verdict;
  }
  // Go would not notice these: a wild pointer reaches foreign memory, a runaway count keeps growing the map.
  const stopped = thrown[0];
  if (stopped) {
    const kind = stopped.error.kind === 'wild' ? `corrupt: ${stopped.error.message}` : SILENT.arenaFull;
    return silent([kind], `${where(stopped)}: ${stopped.error.message}`, racy);
  }

  const kinds: string[] = [];
  let detail: string | undefined;
  const found = (kind: string, why: string): void => {
    kinds.push(kind);
    detail ??= why;
  };
  const final = finalMap(image, cfg);
  if (final.defect) found(final.defect === COUNT_INVARIANT ? SILENT.lostCount : `corrupt: ${final.defect}`, `final map: ${final.defect} does not hold (count ${image.count})`);

  const history = roundHistory(log);
  const contents = final.contents;
  // Common case first: one search over the operations and a read of every key after them.
  const all = contents ? checkLinearizable([...history, ...finalReads(log, contents, keys)], { keys }) : undefined;
  let undecided = false;
  if (all?.verdict !== 'ok') {
    const ops = checkLinearizable(history, { keys });
    if (ops.verdict === 'nonlinearizable') found(SILENT.wrongRead, ops.reason);
    else if (ops.verdict === 'unknown') undecided = true;
    else if (contents) {
      const lost = lostKey(log, history, contents, keys);
      if (lost) found(lost.kind, lost.detail);
      // Each key's final value has an order that explains it, but no one order explains them all.
      else if (all?.verdict === 'nonlinearizable') found(SILENT.lostWrite, "no single order of the round's operations leaves the final map's contents");
      else undecided = true;
    }
  }
  if (kinds.length > 0) return silent(kinds, detail, racy);
  if (undecided) return { class: 'undecided', outcome: 'undecided', kinds: [], racy };
  return { class: 'harmless', outcome: 'harmless', kinds: [], racy };
}

/**
 * The history as Go's program saw it before it died: whatever returned after `at` is treated as
 * never returned (the fatal ends every goroutine), so it may or may not have taken effect. The
 * caller passes the crashing operation's call, not the moment the crash was caught: Go's fatal
 * fires somewhere in between, so only reads that returned before the call surely returned in Go.
 */
function historyUntil(log: RoundLog, at: number): HistoryOp[] {
  return roundHistory(log).map((o) => (o.ret !== undefined && o.ret > at ? { id: o.id, slot: o.slot, op: o.op, call: o.call } : o));
}

function silent(kinds: string[], detail: string | undefined, racy: boolean): RoundVerdict {
  return { class: 'silent', outcome: `silent: ${kinds[0]}`, kinds, ...(detail ? { detail } : {}), racy };
}

function where(t: Thrown): string {
  return `worker ${t.w}'s operation ${t.op.index} (${describeOp(t.op.op)})`;
}

/** `v, ok := m[k]` for every key after the round, returning what the final map holds (slot: afterRoundSlot). */
export function finalReads(log: RoundLog, contents: ReadonlyArray<[number, number]>, keys: number, only?: number): HistoryOp[] {
  const end = endOfRound(log);
  const slot = afterRoundSlot(log);
  const reads: HistoryOp[] = [];
  for (let k = 0; k < keys; k++) {
    if (only !== undefined && k !== only) continue;
    const v = contents.find(([key]) => key === k)?.[1];
    const at = end + 2 * k;
    reads.push({ id: 1_000_000 + k, slot, op: { kind: 'access', key: k }, call: at, ret: at + 1, result: { kind: 'value', value: v ?? 0, ok: v !== undefined } });
  }
  return reads;
}

/** Which key's final state no order of the round explains, and how. */
function lostKey(log: RoundLog, history: HistoryOp[], contents: ReadonlyArray<[number, number]>, keys: number): { kind: string; detail: string } | undefined {
  for (let k = 0; k < keys; k++) {
    const v = checkLinearizable([...history, ...finalReads(log, contents, keys, k)], { keys });
    if (v.verdict !== 'nonlinearizable') continue;
    const held = contents.find(([key]) => key === k)?.[1];
    return held === undefined
      ? { kind: SILENT.lostKey, detail: `the final map lacks k${k}, which every order of the round's operations leaves in it` }
      : { kind: SILENT.lostWrite, detail: `the final map holds k${k} = v${held}, which no order of the round's operations leaves (a later write or delete was lost)` };
  }
  return undefined;
}

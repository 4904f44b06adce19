import type { GuardedImage } from '../../impl/guarded/base.js';
import type { LoggedOp, RoundLog } from '../../impl/stress/log.js';
import type { MutexImage } from '../../impl/sync/mutex.js';
import type { RWMutexImage } from '../../impl/sync/rwmutex.js';
import type { MapConfig } from '../../spec/config.js';
import { type Dialect, describeOp } from '../../spec/describe.js';
import { firstBroken, MUTEX_INVARIANTS, RWMUTEX_INVARIANTS } from '../../spec/sync/invariants.js';
import { checkLinearizable } from '../verify/linearizability.js';
import type { HistoryOp } from '../verify/history.js';
import type { RangeMode } from '../verify/monitor.js';
import { finalReads } from './classify.js';
import { historyExcerpt } from './excerpt.js';
import { roundHistory } from './history.js';
import { finalMap } from './structure.js';

/**
 * How one round of a safe map ended. A safe map promises linearizability under any use, so
 * anything else is a violation: an operation that threw (a Go crash inside the lock, a lock wait
 * that timed out), a final map or lock left broken, or a history no sequential order explains.
 * 'undecided': the verifier hit its step bound, which is never counted as clean.
 */
export type SafeRoundVerdict =
  | { class: 'ok' }
  | { class: 'violation'; detail: string; excerpt: string[] }
  | { class: 'undecided'; detail: string };

export function judgeSafeRound(log: RoundLog, image: GuardedImage, cfg: MapConfig, keys: number, range: RangeMode): SafeRoundVerdict {
  const history = roundHistory(log);
  const thrown = thrownViolation(log, history, 'map');
  if (thrown) return thrown;
  const contents: Array<[number, number]> = [];
  for (const [i, img] of image.maps.entries()) {
    const where = image.maps.length > 1 ? `shard ${i}'s ` : '';
    const final = finalMap(img, cfg);
    if (final.defect) return { class: 'violation', detail: `${where}final map: ${final.defect} does not hold (count ${img.count})`, excerpt: [] };
    contents.push(...(final.contents ?? []));
    const lock = lockDefect(image.locks[i]!);
    if (lock) return { class: 'violation', detail: `${where}lock after the round: ${lock} does not hold`, excerpt: [] };
  }
  contents.sort((a, b) => a[0] - b[0]);
  return linearizableVerdict(log, history, contents, keys, range, 'map');
}

/**
 * The first operation (in clock order) that threw, as a violation: a safe map has no outcome but
 * returning. The excerpt is spelled in `dialect`. Undefined when every operation returned.
 */
export function thrownViolation(log: RoundLog, history: readonly HistoryOp[], dialect: Dialect): SafeRoundVerdict | undefined {
  // roundHistory numbers the logged operations 0, 1, ... in log order.
  const idOf = new Map<LoggedOp, number>();
  let id = 0;
  for (const ops of log.workers) for (const op of ops) idOf.set(op, id++);
  const thrown = log.workers.flatMap((ops, w) => ops.flatMap((op) => (op.error ? [{ w, op, error: op.error }] : [])));
  thrown.sort((a, b) => a.error.at - b.error.at);
  const first = thrown[0];
  if (!first) return undefined;
  const detail = `worker ${first.w}'s operation ${first.op.index} (${describeOp(first.op.op, dialect)}) threw ${first.error.kind}: ${first.error.message}`;
  return { class: 'violation', detail, excerpt: historyExcerpt(history, idOf.get(first.op)!, log.workers.length, dialect) };
}

/** The round's history, with a read of every key after it returning `contents`, judged for linearizability. */
export function linearizableVerdict(
  log: RoundLog, history: readonly HistoryOp[], contents: ReadonlyArray<[number, number]>, keys: number, range: RangeMode, dialect: Dialect,
): SafeRoundVerdict {
  const full = [...history, ...finalReads(log, contents, keys)];
  const v = checkLinearizable(full, { keys, range });
  if (v.verdict === 'ok') return { class: 'ok' };
  if (v.verdict === 'unknown') return { class: 'undecided', detail: v.reason };
  return { class: 'violation', detail: `not linearizable: ${v.reason}`, excerpt: historyExcerpt(full, v.op.id, log.workers.length, dialect) };
}

/** The spec's idle-lock invariants (spec/sync/invariants.ts) on the raw words, and no semaphore token left. */
export function lockDefect(lock: MutexImage | RWMutexImage): string | undefined {
  if ('w' in lock) {
    const spec = { w: { state: lock.w.state }, writerSem: lock.writerSem, readerSem: lock.readerSem, readerCount: lock.readerCount, readerWait: lock.readerWait };
    return firstBroken(RWMUTEX_INVARIANTS, spec) ?? (lock.w.sema !== 0 ? 'rwmutex: no w.sema token left when idle' : undefined);
  }
  // The raw state holds the waiter count and mutexWoken too: all of it must be 0 when idle.
  return firstBroken(MUTEX_INVARIANTS, { state: lock.state }) ?? (lock.sema !== 0 ? 'mutex: no sema token left when idle' : undefined);
}

import type { Mutex } from './mutex.js';
import type { RWMutex } from './rwmutex.js';

/**
 * Lock sanity when no goroutine is inside a lock method or holds a lock (every goroutine idle):
 * nobody holds the lock, nobody is counted as waiting, no semaphore token is left over. One small
 * named predicate each, so a violation names its cause.
 */
export interface LockInvariant<L> {
  name: string;
  holds(lock: L): boolean;
}

export const MUTEX_INVARIANTS: ReadonlyArray<LockInvariant<Mutex>> = [
  { name: 'mutex unlocked when idle', holds: (m) => m.state === 0 },
];

export const RWMUTEX_INVARIANTS: ReadonlyArray<LockInvariant<RWMutex>> = [
  { name: 'rwmutex: no writer holds w when idle', holds: (rw) => rw.w.state === 0 },
  { name: 'rwmutex: no reader or pending writer counted when idle', holds: (rw) => rw.readerCount === 0 },
  { name: 'rwmutex: no departing reader counted when idle', holds: (rw) => rw.readerWait === 0 },
  { name: 'rwmutex: no readerSem token left when idle', holds: (rw) => rw.readerSem === 0 },
  { name: 'rwmutex: no writerSem token left when idle', holds: (rw) => rw.writerSem === 0 },
];

export function firstBroken<L>(invariants: ReadonlyArray<LockInvariant<L>>, lock: L): string | undefined {
  return invariants.find((inv) => !inv.holds(lock))?.name;
}

import { MUTEX_INVARIANTS, firstBroken } from './invariants.js';
import type { LockType, SyncPoint } from './types.js';

/**
 * sync.Mutex (sync/mutex.go), normal mode only. The state word keeps only its mutexLocked bit:
 * the waiter count, mutexWoken, mutexStarving and m.sema are left out. In Go a goroutine that
 * finds the mutex held queues on m.sema inside lockSlow, and Unlock's unlockSlow wakes one waiter,
 * which then retries lockSlow's CAS against goroutines arriving meanwhile (mutex.go:53-60). Here a
 * waiter simply stands at lockSlow's CAS, not enabled while the mutex is held, and any waiter may
 * take it once it is free. That admits every order normal mode allows (and some its FIFO wake-up
 * would not), and the left-out steps touch only the mutex's own words, never the data it guards,
 * so no outcome of the guarded code is lost. Starvation mode is a fairness device: it changes who
 * wins, not what mutual exclusion guarantees.
 */
export interface Mutex {
  /** m.state: MUTEX_LOCKED while someone holds the mutex, else 0. */
  readonly state: number;
}

/** mutexLocked (mutex.go:46). */
export const MUTEX_LOCKED = 1;

export const UNLOCKED: Mutex = { state: 0 };

/** Go's text when Unlock finds the mutex unlocked (mutex.go:229). */
export const UNLOCK_OF_UNLOCKED = 'sync: unlock of unlocked mutex';

/** Where a Mutex sits inside a bigger lock's state: RWMutex keeps one as rw.w. */
export interface MutexPlace<L> {
  /** Location prefix: '' for a Mutex of its own, 'w.' inside an RWMutex. */
  readonly path: string;
  get(lock: L): Mutex;
  set(lock: L, m: Mutex): L;
}

const ALONE: MutexPlace<Mutex> = { path: '', get: (m) => m, set: (_, m) => m };

/**
 * Lock's fast path (mutex.go:83): one CAS from 0 to mutexLocked. It can always run; when the
 * mutex is held it fails and the goroutine goes on to lockSlow.
 */
export function lockFast<L>(at: MutexPlace<L>, onLocked: string | null, onBusy: string): SyncPoint<L> {
  const loc = `${at.path}state`;
  return {
    fn: 'Lock', file: 'sync/mutex.go', line: 83,
    text: 'atomic.CompareAndSwapInt32(&m.state, 0, mutexLocked) (atomic cas)',
    reads: [loc], writes: [loc],
    run: (lock) => {
      const old = at.get(lock).state;
      if (old !== 0) return { lock, next: onBusy, detail: `${loc} is ${old}: CAS fails` };
      return { lock: at.set(lock, { state: MUTEX_LOCKED }), next: onLocked, detail: `${loc} 0→${MUTEX_LOCKED}` };
    },
  };
}

/**
 * lockSlow's CAS that takes the mutex (mutex.go:162-164). It stands for the whole wait: the
 * goroutine is not enabled until the mutex is unlocked, and then this step locks it.
 */
export function lockSlow<L>(at: MutexPlace<L>, onLocked: string | null): SyncPoint<L> {
  const loc = `${at.path}state`;
  return {
    fn: 'lockSlow', file: 'sync/mutex.go', line: 162,
    text: 'atomic.CompareAndSwapInt32(&m.state, old, new) (atomic cas)',
    reads: [loc], writes: [loc],
    ready: (lock) => (at.get(lock).state & MUTEX_LOCKED) === 0,
    run: (lock) => {
      const old = at.get(lock).state;
      if (old & MUTEX_LOCKED) throw new Error('the spec is inconsistent: lockSlow ran while the mutex is held');
      return { lock: at.set(lock, { state: old | MUTEX_LOCKED }), next: onLocked, detail: `${loc} ${old}→${old | MUTEX_LOCKED}` };
    },
  };
}

/**
 * Unlock (mutex.go:219): drop the lock bit. With no waiter count kept, the new state is 0 unless
 * the mutex was not locked, which is unlockSlow's fatal error (mutex.go:228-229).
 */
export function unlock<L>(at: MutexPlace<L>, then: string | null): SyncPoint<L> {
  const loc = `${at.path}state`;
  return {
    fn: 'Unlock', file: 'sync/mutex.go', line: 219,
    text: 'atomic.AddInt32(&m.state, -mutexLocked) (atomic add)',
    reads: [loc], writes: [loc],
    run: (lock) => {
      const old = at.get(lock).state;
      const state = old - MUTEX_LOCKED;
      const detail = `${loc} ${old}→${state}`;
      if ((state + MUTEX_LOCKED) & MUTEX_LOCKED) return { lock: at.set(lock, { state }), next: then, detail };
      return { lock: at.set(lock, { state }), next: null, detail, crash: { kind: 'fatal', message: UNLOCK_OF_UNLOCKED } };
    },
  };
}

/** sync.Mutex as a lock type: Lock is the fast path then lockSlow; Unlock one atomic add. */
export const MUTEX: LockType<Mutex> = {
  name: 'sync.Mutex',
  zero: UNLOCKED,
  methods: {
    Lock: { entry: 'fast', points: { fast: lockFast(ALONE, null, 'slow'), slow: lockSlow(ALONE, null) } },
    Unlock: { entry: 'add', points: { add: unlock(ALONE, null) } },
  },
  encode: (m) => `${m.state}`,
  broken: (m) => firstBroken(MUTEX_INVARIANTS, m),
};

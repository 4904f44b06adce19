import { RWMUTEX_INVARIANTS, firstBroken } from './invariants.js';
import { lockFast, lockSlow, type Mutex, type MutexPlace, UNLOCKED, unlock } from './mutex.js';
import type { LockType, SyncMethod, SyncPoint } from './types.js';

/**
 * sync.RWMutex (sync/rwmutex.go:36-42), with Go's writer preference: a writer first takes w, then
 * subtracts rwmutexMaxReaders from readerCount, so every later RLock sees a negative count and
 * queues on readerSem; the writer itself waits on writerSem until the readers it counted have
 * left (readerWait reaches 0). The semaphores are counts of released, not yet taken tokens: a
 * semacquire is not enabled at 0 and takes one token, a semrelease adds one.
 */
export interface RWMutex {
  /** rw.w: held by the writer that has the lock or is waiting for readers to leave. */
  readonly w: Mutex;
  /** rw.writerSem: tokens for the writer waiting on departing readers. */
  readonly writerSem: number;
  /** rw.readerSem: tokens for readers waiting on a writer. */
  readonly readerSem: number;
  /** rw.readerCount: readers holding or waiting, minus rwmutexMaxReaders while a writer is pending. */
  readonly readerCount: number;
  /** rw.readerWait: readers the pending writer still waits for. */
  readonly readerWait: number;
}

/** The lock with the fields in `p` changed: a literal, not an overriding spread (see withHmap in spec/hmap/state.ts). */
function withRW(rw: RWMutex, p: Partial<RWMutex>): RWMutex {
  return {
    w: p.w ?? rw.w, writerSem: p.writerSem ?? rw.writerSem, readerSem: p.readerSem ?? rw.readerSem,
    readerCount: p.readerCount ?? rw.readerCount, readerWait: p.readerWait ?? rw.readerWait,
  };
}

/** rwmutexMaxReaders (rwmutex.go:44). */
export const RWMUTEX_MAX_READERS = 1 << 30;

export const RW_UNLOCKED: RWMutex = { w: UNLOCKED, writerSem: 0, readerSem: 0, readerCount: 0, readerWait: 0 };

/** Go's texts for misuse (rwmutex.go:129, 209). */
export const RUNLOCK_OF_UNLOCKED = 'sync: RUnlock of unlocked RWMutex';
export const UNLOCK_OF_UNLOCKED_RW = 'sync: Unlock of unlocked RWMutex';

type Counter = 'writerSem' | 'readerSem' | 'readerCount' | 'readerWait';

/** One atomic add on a counter (a semaphore's count too): the new lock, the counter's new value, the detail. */
function add(rw: RWMutex, field: Counter, delta: number): { lock: RWMutex; now: number; detail: string } {
  const now = rw[field] + delta;
  return { lock: withRW(rw, { [field]: now }), now, detail: `${field} ${show(rw[field])}→${show(now)}` };
}

/** A semaphore acquire on `field`: not enabled at 0 tokens, then takes one. */
function semacquire(field: 'writerSem' | 'readerSem', line: number, fn: string, then: string | null): SyncPoint<RWMutex> {
  return {
    fn, file: 'sync/rwmutex.go', line,
    text: `runtime_SemacquireMutex(&rw.${field}, false, 0) (semacquire)`,
    reads: [field], writes: [field],
    ready: (rw) => rw[field] > 0,
    run: (rw) => {
      if (rw[field] <= 0) throw new Error(`the spec is inconsistent: semacquire on an empty ${field}`);
      const { lock, detail } = add(rw, field, -1);
      return { lock, next: then, detail };
    },
  };
}

/** Counts near -rwmutexMaxReaders print as '-max+n', so traces stay readable. */
function show(n: number): string {
  return n < -RWMUTEX_MAX_READERS / 2 ? `-max+${n + RWMUTEX_MAX_READERS}` : `${n}`;
}

const W: MutexPlace<RWMutex> = { path: 'w.', get: (rw) => rw.w, set: (rw, w) => withRW(rw, { w }) };

const rLock: SyncMethod<RWMutex> = {
  entry: 'add',
  points: {
    add: {
      fn: 'RLock', file: 'sync/rwmutex.go', line: 69, text: 'atomic.AddInt32(&rw.readerCount, 1) (atomic add)',
      reads: ['readerCount'], writes: ['readerCount'],
      // A negative count means a writer is pending or active: wait for it (rwmutex.go:70-71).
      run: (rw) => {
        const { lock, now, detail } = add(rw, 'readerCount', 1);
        return { lock, next: now < 0 ? 'wait' : null, detail };
      },
    },
    wait: semacquire('readerSem', 71, 'RLock', null),
  },
};

const rUnlock: SyncMethod<RWMutex> = {
  entry: 'add',
  points: {
    add: {
      fn: 'RUnlock', file: 'sync/rwmutex.go', line: 117, text: 'atomic.AddInt32(&rw.readerCount, -1) (atomic add)',
      reads: ['readerCount'], writes: ['readerCount'],
      run: (rw) => {
        const { lock, now: r, detail } = add(rw, 'readerCount', -1);
        if (r >= 0) return { lock, next: null, detail };
        // rUnlockSlow's check (rwmutex.go:127-129) is local arithmetic on r, so it belongs here.
        if (r + 1 === 0 || r + 1 === -RWMUTEX_MAX_READERS) {
          return { lock, next: null, detail, crash: { kind: 'fatal', message: RUNLOCK_OF_UNLOCKED } };
        }
        return { lock, next: 'depart', r, detail };
      },
    },
    depart: {
      fn: 'rUnlockSlow', file: 'sync/rwmutex.go', line: 132, text: 'atomic.AddInt32(&rw.readerWait, -1) (atomic add)',
      reads: ['readerWait'], writes: ['readerWait'],
      // The last reader the writer waits for hands it a token (rwmutex.go:133-134).
      run: (rw) => {
        const { lock, now, detail } = add(rw, 'readerWait', -1);
        return { lock, next: now === 0 ? 'release' : null, detail };
      },
    },
    release: {
      fn: 'rUnlockSlow', file: 'sync/rwmutex.go', line: 134, text: 'runtime_Semrelease(&rw.writerSem, false, 1) (semrelease)',
      reads: ['writerSem'], writes: ['writerSem'],
      run: (rw) => ({ ...add(rw, 'writerSem', 1), next: null }),
    },
  },
};

const wLock: SyncMethod<RWMutex> = {
  entry: 'w',
  points: {
    // rw.w.Lock() (rwmutex.go:147): one writer at a time gets past here.
    w: lockFast(W, 'announce', 'wSlow'),
    wSlow: lockSlow(W, 'announce'),
    announce: {
      fn: 'Lock', file: 'sync/rwmutex.go', line: 149, text: 'atomic.AddInt32(&rw.readerCount, -rwmutexMaxReaders) (atomic add)',
      reads: ['readerCount'], writes: ['readerCount'],
      // r is the readers active at the moment the writer announced itself.
      run: (rw) => {
        const { lock, now, detail } = add(rw, 'readerCount', -RWMUTEX_MAX_READERS);
        const r = now + RWMUTEX_MAX_READERS;
        return { lock, next: r !== 0 ? 'count' : null, r, detail };
      },
    },
    count: {
      fn: 'Lock', file: 'sync/rwmutex.go', line: 151, text: 'atomic.AddInt32(&rw.readerWait, r) (atomic add)',
      reads: ['readerWait'], writes: ['readerWait'],
      // Readers that left between announce and here already took themselves off readerWait.
      run: (rw, r) => {
        const { lock, now, detail } = add(rw, 'readerWait', r);
        return { lock, next: now !== 0 ? 'sleep' : null, detail };
      },
    },
    sleep: semacquire('writerSem', 152, 'Lock', null),
  },
};

const wUnlock: SyncMethod<RWMutex> = {
  entry: 'announce',
  points: {
    announce: {
      fn: 'Unlock', file: 'sync/rwmutex.go', line: 206, text: 'atomic.AddInt32(&rw.readerCount, rwmutexMaxReaders) (atomic add)',
      reads: ['readerCount'], writes: ['readerCount'],
      // r: readers that arrived while the writer held the lock, each queued on readerSem.
      run: (rw) => {
        const { lock, now: r, detail } = add(rw, 'readerCount', RWMUTEX_MAX_READERS);
        if (r >= RWMUTEX_MAX_READERS) return { lock, next: null, detail, crash: { kind: 'fatal', message: UNLOCK_OF_UNLOCKED_RW } };
        return { lock, next: r > 0 ? 'wake' : 'w', r, detail };
      },
    },
    wake: {
      fn: 'Unlock', file: 'sync/rwmutex.go', line: 213, text: 'runtime_Semrelease(&rw.readerSem, false, 0) (semrelease)',
      reads: ['readerSem'], writes: ['readerSem'],
      // The loop of rwmutex.go:212-214, counting down the readers still to wake.
      run: (rw, r) => ({ ...add(rw, 'readerSem', 1), next: r > 1 ? 'wake' : 'w', r: r - 1 }),
    },
    // rw.w.Unlock() (rwmutex.go:216): the next writer may go.
    w: unlock(W, null),
  },
};

/** sync.RWMutex as a lock type: RLock/RUnlock for readers, Lock/Unlock for the writer. */
export const RWMUTEX: LockType<RWMutex> = {
  name: 'sync.RWMutex',
  zero: RW_UNLOCKED,
  methods: { RLock: rLock, RUnlock: rUnlock, Lock: wLock, Unlock: wUnlock },
  encode: (rw) => `${rw.w.state},${rw.writerSem},${rw.readerSem},${rw.readerCount},${rw.readerWait}`,
  broken: (rw) => firstBroken(RWMUTEX_INVARIANTS, rw),
};

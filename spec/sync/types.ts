import type { Crash } from '../types.js';

/**
 * sync.Mutex and sync.RWMutex as small step programs. Each lock method is a table of named
 * points; a point makes exactly one atomic access or one semaphore operation, so it is one step.
 * Everything is pure: a point takes the lock's state and returns a new one.
 */

/** Where a goroutine stands inside a lock method. */
export interface SyncCall {
  /** The method: 'Lock', 'Unlock', 'RLock', 'RUnlock' (of the lock type the table belongs to). */
  readonly method: string;
  /** The point it runs next. */
  readonly pc: string;
  /**
   * The one local the methods carry between steps: `r` in RWMutex.Lock and rUnlockSlow, the
   * readers still to wake in RWMutex.Unlock. 0 where a method keeps nothing.
   */
  readonly r: number;
}

/** What running one point did. */
export interface SyncOutcome<L> {
  readonly lock: L;
  /** The point that runs next, or null when the method returns. */
  readonly next: string | null;
  /** The new value of the method's local (unchanged when absent). */
  readonly r?: number;
  /**
   * For humans, e.g. 'readerCount 0→1'. It starts with the location touched, relative to the lock
   * like `reads`, so the target can put the lock's own name in front ('rw.readerCount 0→1').
   */
  readonly detail: string;
  /** Go's fatal() on misuse (an unlock of an unlocked lock): the targets never reach it. */
  readonly crash?: Crash;
}

export interface SyncPoint<L> {
  /** Go function the statement is in, the label's prefix: 'Lock', 'lockSlow', 'rUnlockSlow', ... */
  readonly fn: string;
  /** Go 1.19 source file and line: 'sync/rwmutex.go', 69. */
  readonly file: 'sync/mutex.go' | 'sync/rwmutex.go';
  readonly line: number;
  /** The source statement and the kind of access: 'atomic.AddInt32(&rw.readerCount, 1) (atomic add)'. */
  readonly text: string;
  /** Locations read and written, relative to the lock: 'state', 'w.state', 'readerCount'. */
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  /**
   * False while the goroutine is blocked here: a semaphore with no token, a mutex someone holds.
   * Absent: the point can always run.
   */
  readonly ready?: (lock: L) => boolean;
  run(lock: L, r: number): SyncOutcome<L>;
}

/** One method of a lock type: its entry point and its points by name. */
export interface SyncMethod<L> {
  readonly entry: string;
  readonly points: Readonly<Record<string, SyncPoint<L>>>;
}

export type SyncMethods<L> = Readonly<Record<string, SyncMethod<L>>>;

/** How a lock type appears to the targets that use it. */
export interface LockType<L> {
  /** Go's type name: 'sync.Mutex'. */
  readonly name: string;
  /** The zero value, an unlocked lock. */
  readonly zero: L;
  readonly methods: SyncMethods<L>;
  /** Canonical text of the state (locks hold no values or pointers, so no renaming applies). */
  encode(lock: L): string;
  /** The first lock-sanity predicate broken when no goroutine is inside a lock method. */
  broken(lock: L): string | undefined;
}

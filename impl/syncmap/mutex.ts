import { goFatal } from '../hmap/errors.js';
import { LockTimeoutError } from './errors.js';

/** One of the steps the spec has: the hook gets the step's label just before its access. */
export type Hook = (label: string) => void;

export const FREE: Hook = () => {};

/** Go's fatal() when Unlock finds mu unlocked (sync/mutex.go). */
export const UNLOCK_OF_UNLOCKED = 'sync: unlock of unlocked mutex';

const UNLOCKED = 0;
const LOCKED = 1;
/** Locked, and some goroutine may be asleep on the word: Unlock must wake one. */
const CONTENDED = 2;
/** Each sleep is bounded, so the timeout is checked even if a wake-up is lost. */
const SLICE_MS = 50;

/**
 * m.mu: a mutex on one int32 word of the map's buffer, shared by every worker attached to it
 * (the three-state futex mutex: a free lock costs one CAS, a contended one sleeps in
 * Atomics.wait). Lock and Unlock are each one step of the spec; the caller passes the step's
 * label, since the spec names mu's steps after the method that takes it ('Load: m.mu.Lock()').
 * Not a general mutex: the project's own sync.Mutex model lives in impl/sync.
 */
export class Mutex {
  constructor(
    private readonly i32: Int32Array,
    private readonly word: number,
    private readonly hook: Hook,
    /** Past this a waiter gives up with LockTimeoutError instead of hanging for ever. */
    private readonly timeoutMs: number,
  ) {}

  lock(label: string): void {
    this.hook(label);
    let c = Atomics.compareExchange(this.i32, this.word, UNLOCKED, LOCKED);
    if (c === UNLOCKED) return;
    const start = Date.now();
    // Announce a sleeper before sleeping, so the holder's Unlock knows to notify.
    if (c !== CONTENDED) c = Atomics.exchange(this.i32, this.word, CONTENDED);
    while (c !== UNLOCKED) {
      const waited = Date.now() - start;
      if (waited >= this.timeoutMs) throw new LockTimeoutError(label, waited);
      Atomics.wait(this.i32, this.word, CONTENDED, Math.min(SLICE_MS, this.timeoutMs - waited));
      // Taking it as CONTENDED is conservative: other sleepers may remain, and they must be woken.
      c = Atomics.exchange(this.i32, this.word, CONTENDED);
    }
  }

  unlock(label: string): void {
    try {
      this.hook(label);
    } catch (e) {
      // The step never ran, but whoever threw (a controller that is gone, a failing test) stops
      // this worker's use of the map: holding on to mu would only hang the others.
      this.abandon();
      throw e;
    }
    const prev = Atomics.exchange(this.i32, this.word, UNLOCKED);
    if (prev === UNLOCKED) throw goFatal(UNLOCK_OF_UNLOCKED);
    if (prev === CONTENDED) Atomics.notify(this.i32, this.word, 1);
  }

  /**
   * Releases mu without a step, for an operation that stops with an error inside its critical
   * section, so the other workers are not left waiting for a holder that has given up. A full
   * arena is raised only where the map's fields are consistent (every allocation comes before
   * the writes that publish it), so they can go on using the map.
   */
  abandon(): void {
    if (Atomics.exchange(this.i32, this.word, UNLOCKED) === CONTENDED) Atomics.notify(this.i32, this.word, 1);
  }

  /** Whether mu is held by anyone: for inspection when the map is quiet. */
  held(): boolean {
    return Atomics.load(this.i32, this.word) !== UNLOCKED;
  }
}

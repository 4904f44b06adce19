/**
 * The runtime's semaphore (runtime/sema.go) as one int32 word of tokens: release adds a token and
 * wakes one sleeper; acquire takes a token, sleeping on the word while there is none. Every sleep
 * is a bounded Atomics.wait in a loop, so a lost wake-up or a deadlock ends in LockWaitTimeout
 * instead of a hung worker.
 */

/** How long one acquire may sleep in all before it gives up: far beyond any critical section here. */
export const DEFAULT_WAIT_MS = 5_000;
/** One sleep: a release always notifies, so this only bounds how late the deadline is noticed. */
const SLICE_MS = 100;

/**
 * A wait for a lock went on past its bound: Go would wait for ever (a deadlock), a worker must
 * not. The waiter stays counted in the lock's words, so the lock is not to be used afterwards.
 */
export class LockWaitTimeout extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: still waiting after ${ms} ms (a deadlock, a lost wake-up, or a lock never released)`);
    this.name = 'LockWaitTimeout';
  }
}

/** semacquire: takes one token from i32[at]; `what` names the semaphore in the timeout's text. */
export function semacquire(i32: Int32Array, at: number, waitMs: number, what: string): void {
  let deadline = 0;
  for (;;) {
    const n = Atomics.load(i32, at);
    if (n > 0) {
      if (Atomics.compareExchange(i32, at, n, n - 1) === n) return;
      continue;
    }
    const now = Date.now();
    // Date.now() only on the way to sleep: the uncontended path never reads the clock.
    if (deadline === 0) deadline = now + waitMs;
    else if (now >= deadline) throw new LockWaitTimeout(what, waitMs);
    // Returns at once ('not-equal') if a token arrived since the load: no wake-up is lost.
    Atomics.wait(i32, at, n, Math.min(SLICE_MS, deadline - now));
  }
}

/** semrelease: adds one token to i32[at] and wakes one sleeper, if any. */
export function semrelease(i32: Int32Array, at: number): void {
  Atomics.add(i32, at, 1);
  Atomics.notify(i32, at, 1);
}

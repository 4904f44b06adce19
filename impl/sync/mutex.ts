import { FREE, type Hook } from '../hmap/core.js';
import { goFatal, goThrow } from '../hmap/errors.js';
import { MUTEX_STEP, SYNC_FATAL } from './labels.js';
import { DEFAULT_WAIT_MS, semacquire, semrelease } from './sema.js';

/**
 * sync.Mutex (Go 1.19 sync/mutex.go) in two int32 words of a SharedArrayBuffer: `state` (bit 0
 * mutexLocked, bit 1 mutexWoken, the waiter count from bit 3) and `sema`, the runtime semaphore
 * waiters sleep on (sema.ts).
 *
 * Normal mode only, as spec/sync/mutex.ts models it: starvation mode (bit 2, mutexStarving, with
 * its direct hand-off to the oldest waiter) is left out. It decides which waiter wins, never
 * whether two goroutines can hold the mutex at once, and the spec has no step for it.
 *
 * The hook runs before the three accesses the spec has as steps: the fast-path CAS, lockSlow's
 * CAS, Unlock's add. Go's other accesses (spinning loads, the waiter count and mutexWoken CASes,
 * the semaphore) touch only the mutex's own words and run unhooked inside those steps. lockSlow
 * loads `old` right after its hook, so under a controller that grants the step only while the
 * mutex is free (the spec's `ready`) the CAS that follows takes it at the first try.
 */
export const MUTEX_WORDS = 2;

const STATE = 0;
const SEMA = 1;
export const MUTEX_LOCKED = 1;
export const MUTEX_WOKEN = 2;
/** Never set here (no starvation mode), but tested where Go tests it, so the code reads as Go's. */
const MUTEX_STARVING = 4;
const WAITER_SHIFT = 3;
const WAITER = 1 << WAITER_SHIFT;
/**
 * Go spins up to active_spin (4) times, each procyield(30): 30 PAUSE instructions, some tenths of
 * a microsecond. An Atomics.load takes a nanosecond or two, so a spin here is a couple of hundred
 * loads to last about as long.
 */
const ACTIVE_SPIN = 4;
const SPIN_LOADS = 200;

/** The raw words, for checks after a run: an idle mutex has both at 0. */
export interface MutexImage {
  state: number;
  sema: number;
}

export class SharedMutex {
  private readonly state: number;
  private readonly sema: number;

  /** The mutex at words base, base+1 of `i32`; `waitMs` bounds each sleep on the semaphore. */
  constructor(private readonly i32: Int32Array, base: number, private readonly hook: Hook = FREE, private readonly waitMs = DEFAULT_WAIT_MS) {
    if (base < 0 || base + MUTEX_WORDS > i32.length) throw new RangeError(`no room for a mutex at word ${base} of ${i32.length}`);
    this.state = base + STATE;
    this.sema = base + SEMA;
  }

  /** `m.Lock()`: one CAS when the mutex is free (mutex.go:81-90), else lockSlow. */
  lock(): void {
    this.hook(MUTEX_STEP.lockFast);
    if (Atomics.compareExchange(this.i32, this.state, 0, MUTEX_LOCKED) === 0) return;
    this.lockSlow();
  }

  /**
   * Spin briefly while the holder may be about to leave, else count ourselves as a waiter and
   * sleep on sema; a woken waiter clears mutexWoken as it takes the mutex or queues again.
   */
  private lockSlow(): void {
    let awoke = false;
    let iter = 0;
    for (;;) {
      this.hook(MUTEX_STEP.lockSlow);
      let old = Atomics.load(this.i32, this.state);
      while ((old & MUTEX_LOCKED) !== 0 && iter < ACTIVE_SPIN) {
        // Tell Unlock a waiter is awake (spinning), so it does not wake another one for nothing.
        if (!awoke && (old & MUTEX_WOKEN) === 0 && old >> WAITER_SHIFT !== 0 &&
          Atomics.compareExchange(this.i32, this.state, old, old | MUTEX_WOKEN) === old) awoke = true;
        for (let i = 0; i < SPIN_LOADS && (Atomics.load(this.i32, this.state) & MUTEX_LOCKED) !== 0; i++);
        iter++;
        old = Atomics.load(this.i32, this.state);
      }
      let next = old | MUTEX_LOCKED;
      if ((old & MUTEX_LOCKED) !== 0) next += WAITER;
      if (awoke) {
        if ((next & MUTEX_WOKEN) === 0) throw goThrow(SYNC_FATAL.inconsistent);
        next &= ~MUTEX_WOKEN;
      }
      if (Atomics.compareExchange(this.i32, this.state, old, next) !== old) continue;
      if ((old & MUTEX_LOCKED) === 0) return;
      semacquire(this.i32, this.sema, this.waitMs, 'sync.Mutex: semacquire(&m.sema)');
      awoke = true;
      iter = 0;
    }
  }

  /** `m.Unlock()`: drop the lock bit; if anyone waits, unlockSlow may wake one (mutex.go:212-225). */
  unlock(): void {
    this.hook(MUTEX_STEP.unlock);
    const next = Atomics.sub(this.i32, this.state, MUTEX_LOCKED) - MUTEX_LOCKED;
    if (next !== 0) this.unlockSlow(next);
  }

  private unlockSlow(next: number): void {
    if (((next + MUTEX_LOCKED) & MUTEX_LOCKED) === 0) throw goFatal(SYNC_FATAL.unlockOfUnlocked);
    let old = next;
    for (;;) {
      // Nobody to wake, or someone already took the mutex, or a waiter is already awake.
      if (old >> WAITER_SHIFT === 0 || (old & (MUTEX_LOCKED | MUTEX_WOKEN | MUTEX_STARVING)) !== 0) return;
      if (Atomics.compareExchange(this.i32, this.state, old, (old - WAITER) | MUTEX_WOKEN) === old) {
        semrelease(this.i32, this.sema);
        return;
      }
      old = Atomics.load(this.i32, this.state);
    }
  }

  inspect(): MutexImage {
    return { state: Atomics.load(this.i32, this.state), sema: Atomics.load(this.i32, this.sema) };
  }
}

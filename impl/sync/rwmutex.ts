import { FREE, type Hook } from '../hmap/core.js';
import { goFatal } from '../hmap/errors.js';
import { RWMUTEX_STEP, SYNC_FATAL } from './labels.js';
import { MUTEX_WORDS, type MutexImage, SharedMutex } from './mutex.js';
import { DEFAULT_WAIT_MS, semacquire, semrelease } from './sema.js';

/**
 * sync.RWMutex (Go 1.19 sync/rwmutex.go) in six int32 words: the writers' Mutex w (two words),
 * then writerSem, readerSem, readerCount and readerWait. Writer preference as in Go: a writer
 * takes w, then subtracts rwmutexMaxReaders from readerCount, so later readers see a negative
 * count and sleep on readerSem; it sleeps on writerSem until the readers it counted have left.
 *
 * The hook runs before each access spec/sync/rwmutex.ts has as a step, with its label; a
 * semaphore's hook comes before the acquire or release, as the spec's semacquire step is one step.
 */
export const RWMUTEX_WORDS = MUTEX_WORDS + 4;

const WRITER_SEM = MUTEX_WORDS;
const READER_SEM = MUTEX_WORDS + 1;
const READER_COUNT = MUTEX_WORDS + 2;
const READER_WAIT = MUTEX_WORDS + 3;
/** rwmutexMaxReaders: readerCount's offset while a writer is pending. */
export const RWMUTEX_MAX_READERS = 1 << 30;

export interface RWMutexImage {
  w: MutexImage;
  writerSem: number;
  readerSem: number;
  readerCount: number;
  readerWait: number;
}

export class SharedRWMutex {
  private readonly w: SharedMutex;
  private readonly writerSem: number;
  private readonly readerSem: number;
  private readonly readerCount: number;
  private readonly readerWait: number;

  constructor(private readonly i32: Int32Array, base: number, private readonly hook: Hook = FREE, private readonly waitMs = DEFAULT_WAIT_MS) {
    if (base < 0 || base + RWMUTEX_WORDS > i32.length) throw new RangeError(`no room for an RWMutex at word ${base} of ${i32.length}`);
    this.w = new SharedMutex(i32, base, hook, waitMs);
    this.writerSem = base + WRITER_SEM;
    this.readerSem = base + READER_SEM;
    this.readerCount = base + READER_COUNT;
    this.readerWait = base + READER_WAIT;
  }

  /** `rw.RLock()`: count in; a negative count means a writer is pending or active, so wait for it. */
  rlock(): void {
    this.hook(RWMUTEX_STEP.rLockAdd);
    if (Atomics.add(this.i32, this.readerCount, 1) + 1 < 0) {
      this.hook(RWMUTEX_STEP.rLockWait);
      semacquire(this.i32, this.readerSem, this.waitMs, 'sync.RWMutex.RLock: semacquire(&rw.readerSem)');
    }
  }

  /** `rw.RUnlock()`: count out; with a writer pending, also leave its readerWait. */
  runlock(): void {
    this.hook(RWMUTEX_STEP.rUnlockAdd);
    const r = Atomics.sub(this.i32, this.readerCount, 1) - 1;
    if (r < 0) this.rUnlockSlow(r);
  }

  private rUnlockSlow(r: number): void {
    if (r + 1 === 0 || r + 1 === -RWMUTEX_MAX_READERS) throw goFatal(SYNC_FATAL.rUnlockOfUnlocked);
    this.hook(RWMUTEX_STEP.rUnlockDepart);
    // The last reader the writer waits for hands it the writerSem token.
    if (Atomics.sub(this.i32, this.readerWait, 1) - 1 === 0) {
      this.hook(RWMUTEX_STEP.rUnlockRelease);
      semrelease(this.i32, this.writerSem);
    }
  }

  /** `rw.Lock()`: w first (one writer at a time), then announce, then wait out the active readers. */
  lock(): void {
    this.w.lock();
    this.hook(RWMUTEX_STEP.lockAnnounce);
    // The count before the subtraction: the readers active when the writer announced itself.
    const r = Atomics.sub(this.i32, this.readerCount, RWMUTEX_MAX_READERS);
    if (r === 0) return;
    this.hook(RWMUTEX_STEP.lockCount);
    // Readers that left since the announce already took themselves off readerWait.
    if (Atomics.add(this.i32, this.readerWait, r) + r !== 0) {
      this.hook(RWMUTEX_STEP.lockSleep);
      semacquire(this.i32, this.writerSem, this.waitMs, 'sync.RWMutex.Lock: semacquire(&rw.writerSem)');
    }
  }

  /** `rw.Unlock()`: let readers in again, wake those that queued meanwhile, then free w. */
  unlock(): void {
    this.hook(RWMUTEX_STEP.unlockAnnounce);
    const r = Atomics.add(this.i32, this.readerCount, RWMUTEX_MAX_READERS) + RWMUTEX_MAX_READERS;
    if (r >= RWMUTEX_MAX_READERS) throw goFatal(SYNC_FATAL.unlockOfUnlockedRW);
    for (let i = 0; i < r; i++) {
      this.hook(RWMUTEX_STEP.unlockWake);
      semrelease(this.i32, this.readerSem);
    }
    this.w.unlock();
  }

  inspect(): RWMutexImage {
    const at = (word: number): number => Atomics.load(this.i32, word);
    return { w: this.w.inspect(), writerSem: at(this.writerSem), readerSem: at(this.readerSem), readerCount: at(this.readerCount), readerWait: at(this.readerWait) };
  }
}

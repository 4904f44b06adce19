/** Go's sync.Mutex and sync.RWMutex on shared memory, with their semaphores: the public surface. */
export { MUTEX_LOCKED, MUTEX_WOKEN, MUTEX_WORDS, type MutexImage, SharedMutex } from './mutex.js';
export { RWMUTEX_MAX_READERS, RWMUTEX_WORDS, type RWMutexImage, SharedRWMutex } from './rwmutex.js';
export { DEFAULT_WAIT_MS, LockWaitTimeout, semacquire, semrelease } from './sema.js';
export { MUTEX_LABELS, MUTEX_STEP, RWMUTEX_LABELS, RWMUTEX_STEP, SYNC_FATAL } from './labels.js';

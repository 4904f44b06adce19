/** sync.Mutex and sync.RWMutex as step models, and the runner the targets drive them with. */
export { MUTEX, MUTEX_LOCKED, type Mutex, UNLOCK_OF_UNLOCKED } from './mutex.js';
export { RUNLOCK_OF_UNLOCKED, RW_UNLOCKED, RWMUTEX, RWMUTEX_MAX_READERS, type RWMutex, UNLOCK_OF_UNLOCKED_RW } from './rwmutex.js';
export { beginSync, runSync, syncLabel, syncPoint, syncReady, type SyncStepResult } from './run.js';
export type { LockType, SyncCall, SyncMethod, SyncPoint } from './types.js';

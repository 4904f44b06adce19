/**
 * The scheduling points of the locks: before every access that spec/sync has as a step, the
 * implementation calls its hook with that step's label, '<go function>: <statement> (<access>)'.
 * Written out here rather than read from the spec's tables, so that the tests compare two texts
 * written apart (as impl/hmap/labels.ts does for the map).
 */

const label = (fn: string, text: string): string => `${fn}: ${text}`;

/** sync.Mutex (sync/mutex.go): the fast-path CAS, lockSlow's CAS, Unlock's add. */
export const MUTEX_STEP = {
  lockFast: label('Lock', 'atomic.CompareAndSwapInt32(&m.state, 0, mutexLocked) (atomic cas)'),
  lockSlow: label('lockSlow', 'atomic.CompareAndSwapInt32(&m.state, old, new) (atomic cas)'),
  unlock: label('Unlock', 'atomic.AddInt32(&m.state, -mutexLocked) (atomic add)'),
} as const;

/** sync.RWMutex (sync/rwmutex.go); its writer's w.Lock/w.Unlock are MUTEX_STEP's. */
export const RWMUTEX_STEP = {
  rLockAdd: label('RLock', 'atomic.AddInt32(&rw.readerCount, 1) (atomic add)'),
  rLockWait: label('RLock', 'runtime_SemacquireMutex(&rw.readerSem, false, 0) (semacquire)'),
  rUnlockAdd: label('RUnlock', 'atomic.AddInt32(&rw.readerCount, -1) (atomic add)'),
  rUnlockDepart: label('rUnlockSlow', 'atomic.AddInt32(&rw.readerWait, -1) (atomic add)'),
  rUnlockRelease: label('rUnlockSlow', 'runtime_Semrelease(&rw.writerSem, false, 1) (semrelease)'),
  lockAnnounce: label('Lock', 'atomic.AddInt32(&rw.readerCount, -rwmutexMaxReaders) (atomic add)'),
  lockCount: label('Lock', 'atomic.AddInt32(&rw.readerWait, r) (atomic add)'),
  lockSleep: label('Lock', 'runtime_SemacquireMutex(&rw.writerSem, false, 0) (semacquire)'),
  unlockAnnounce: label('Unlock', 'atomic.AddInt32(&rw.readerCount, rwmutexMaxReaders) (atomic add)'),
  unlockWake: label('Unlock', 'runtime_Semrelease(&rw.readerSem, false, 0) (semrelease)'),
} as const;

/** Every label a Mutex's hook can see, once each. */
export const MUTEX_LABELS: readonly string[] = Object.values(MUTEX_STEP);

/** Every label an RWMutex's hook can see, once each (its inner Mutex's included). */
export const RWMUTEX_LABELS: readonly string[] = [...MUTEX_LABELS, ...Object.values(RWMUTEX_STEP)];

/** Go's texts when a lock is misused (sync/mutex.go, sync/rwmutex.go). */
export const SYNC_FATAL = {
  unlockOfUnlocked: 'sync: unlock of unlocked mutex',
  rUnlockOfUnlocked: 'sync: RUnlock of unlocked RWMutex',
  unlockOfUnlockedRW: 'sync: Unlock of unlocked RWMutex',
  inconsistent: 'sync: inconsistent mutex state',
} as const;

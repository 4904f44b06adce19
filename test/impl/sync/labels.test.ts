/** The locks' scheduling points are spec/sync's steps, with the same texts, written apart. */
import { describe, expect, it } from 'vitest';
import { MUTEX_LABELS, RWMUTEX_LABELS, SYNC_FATAL } from '../../../impl/sync/index.js';
import { MUTEX, RUNLOCK_OF_UNLOCKED, RWMUTEX, UNLOCK_OF_UNLOCKED, UNLOCK_OF_UNLOCKED_RW, syncLabel } from '../../../spec/sync/index.js';
import type { LockType } from '../../../spec/sync/types.js';

/** Every step label a lock type's method tables can produce. */
function specLabels<L>(t: LockType<L>): Set<string> {
  return new Set(Object.values(t.methods).flatMap((m) => Object.values(m.points).map((p) => syncLabel(p))));
}

describe('lock scheduling points', () => {
  it("are exactly sync.Mutex's step labels in the spec", () => {
    expect(new Set(MUTEX_LABELS)).toEqual(specLabels(MUTEX));
    expect(new Set(MUTEX_LABELS).size).toBe(MUTEX_LABELS.length);
  });

  it("are exactly sync.RWMutex's step labels in the spec, its writers' mutex included", () => {
    expect(new Set(RWMUTEX_LABELS)).toEqual(specLabels(RWMUTEX));
    expect(new Set(RWMUTEX_LABELS).size).toBe(RWMUTEX_LABELS.length);
  });

  it("stop with the spec's texts for an unlock of an unlocked lock", () => {
    expect([SYNC_FATAL.unlockOfUnlocked, SYNC_FATAL.rUnlockOfUnlocked, SYNC_FATAL.unlockOfUnlockedRW])
      .toEqual([UNLOCK_OF_UNLOCKED, RUNLOCK_OF_UNLOCKED, UNLOCK_OF_UNLOCKED_RW]);
  });
});

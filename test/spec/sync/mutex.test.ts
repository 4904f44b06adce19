/**
 * sync.Mutex as a step model: the fast path, blocking, mutual exclusion over every interleaving,
 * Go's fatal error on misuse, and purity.
 */
import { describe, expect, it } from 'vitest';
import { MUTEX, MUTEX_LOCKED, UNLOCK_OF_UNLOCKED } from '../../../spec/sync/mutex.js';
import { canMove, inside, labelOf, lockInit, move, runMethod, searchLocks } from './harness.js';
import { deepFreeze } from '../run.js';

const CAS_FAST = 'Lock: atomic.CompareAndSwapInt32(&m.state, 0, mutexLocked) (atomic cas)';
const CAS_SLOW = 'lockSlow: atomic.CompareAndSwapInt32(&m.state, old, new) (atomic cas)';

describe('sync.Mutex', () => {
  const programs = [['Lock', 'Unlock'], ['Lock', 'Unlock']];

  it('an uncontended Lock is one CAS, and Unlock one atomic add', () => {
    let m = lockInit(MUTEX, 2);
    m = move(MUTEX, m, programs, 0);
    expect(labelOf(MUTEX, m, 0)).toBe(CAS_FAST);
    m = move(MUTEX, m, programs, 0);
    expect(m.gs[0]!.call).toBeNull();
    expect(m.lock.state).toBe(MUTEX_LOCKED);
    m = runMethod(MUTEX, m, programs, 0);
    expect(m.lock.state).toBe(0);
    expect(MUTEX.broken(m.lock)).toBeUndefined();
  });

  it('a Lock that cannot succeed fails its fast path, then is not enabled until Unlock', () => {
    let m = runMethod(MUTEX, lockInit(MUTEX, 2), programs, 0); // G0 holds the mutex
    m = move(MUTEX, m, programs, 1);
    expect(canMove(MUTEX, m, programs, 1)).toBe(true); // the fast path's CAS can always run
    m = move(MUTEX, m, programs, 1);
    expect(labelOf(MUTEX, m, 1)).toBe(CAS_SLOW);
    expect(canMove(MUTEX, m, programs, 1)).toBe(false);
    m = runMethod(MUTEX, m, programs, 0); // G0 unlocks
    expect(canMove(MUTEX, m, programs, 1)).toBe(true);
    m = move(MUTEX, m, programs, 1);
    expect(m.gs[1]!.call).toBeNull();
    expect(m.lock.state).toBe(MUTEX_LOCKED);
  });

  it.each([2, 3])('never two goroutines inside, no deadlock, and the mutex is free at the end (%i goroutines, every interleaving)', (n) => {
    const progs = Array.from({ length: n }, () => ['Lock', 'Unlock', 'Lock', 'Unlock']);
    const r = searchLocks(MUTEX, progs, (m) => {
      expect(inside(m, progs, 'Lock').length).toBeLessThanOrEqual(1);
      // Some goroutine inside ⇔ the lock bit is set (between the CAS and the Unlock's add).
      const holding = m.gs.some((g, i) => (g.call === null && progs[i]![g.done - 1] === 'Lock') || g.call?.method === 'Unlock');
      expect(m.lock.state === MUTEX_LOCKED).toBe(holding);
    });
    expect(r.deadlocks).toEqual([]);
    expect(r.crashes).toBe(0);
    expect(r.finals.length).toBeGreaterThan(0);
    for (const f of r.finals) expect(MUTEX.broken(f.lock)).toBeUndefined();
  });

  it('Unlock of an unlocked mutex is Go\'s fatal error', () => {
    const m = runMethod(MUTEX, lockInit(MUTEX, 1), [['Unlock']], 0);
    expect(m.crash).toEqual({ kind: 'fatal', message: UNLOCK_OF_UNLOCKED });
  });

  it('a held mutex breaks the idle invariant', () => {
    expect(MUTEX.broken({ state: MUTEX_LOCKED })).toBe('mutex unlocked when idle');
  });

  it('steps never mutate the state they are given', () => {
    const progs = [['Lock', 'Unlock'], ['Lock', 'Unlock'], ['Lock', 'Unlock']];
    searchLocks(MUTEX, progs, (m) => {
      deepFreeze(m);
      for (let g = 0; g < progs.length; g++) if (canMove(MUTEX, m, progs, g)) move(MUTEX, m, progs, g);
    });
  });
});

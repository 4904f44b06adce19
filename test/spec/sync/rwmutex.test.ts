/**
 * sync.RWMutex as a step model: readers share, writers exclude everyone, Go's writer preference,
 * blocked goroutines are not enabled, the recursive-RLock deadlock the documentation warns about
 * (rwmutex.go:22-27), every-interleaving checks of small programs, misuse, and purity.
 */
import { describe, expect, it } from 'vitest';
import { RUNLOCK_OF_UNLOCKED, RW_UNLOCKED, RWMUTEX, RWMUTEX_MAX_READERS, UNLOCK_OF_UNLOCKED_RW } from '../../../spec/sync/rwmutex.js';
import { deepFreeze } from '../run.js';
import { canMove, inside, labelOf, type LockMachine, lockInit, move, runMethod, searchLocks } from './harness.js';
import type { RWMutex } from '../../../spec/sync/rwmutex.js';

const R = ['RLock', 'RUnlock'];
const W = ['Lock', 'Unlock'];
const READER_WAIT = 'RLock: runtime_SemacquireMutex(&rw.readerSem, false, 0) (semacquire)';
const WRITER_WAIT = 'Lock: runtime_SemacquireMutex(&rw.writerSem, false, 0) (semacquire)';

/** Mutual exclusion as seen from the sections: at most one writer, and never a writer with readers. */
function exclusive(programs: string[][]) {
  return (m: LockMachine<RWMutex>): void => {
    const writers = inside(m, programs, 'Lock').length;
    expect(writers).toBeLessThanOrEqual(1);
    if (writers === 1) expect(inside(m, programs, 'RLock')).toEqual([]);
  };
}

describe('sync.RWMutex', () => {
  it('readers share: two RLocks both return while neither has unlocked', () => {
    const programs = [R, R];
    let m = runMethod(RWMUTEX, lockInit(RWMUTEX, 2), programs, 0);
    m = runMethod(RWMUTEX, m, programs, 1);
    expect(inside(m, programs, 'RLock')).toEqual([0, 1]);
    expect(m.lock.readerCount).toBe(2);
  });

  it('a writer waits on writerSem for the active reader, and is not enabled until it leaves', () => {
    const programs = [R, W];
    let m = runMethod(RWMUTEX, lockInit(RWMUTEX, 2), programs, 0); // G0 reads
    m = runMethod(RWMUTEX, m, programs, 1);
    expect(labelOf(RWMUTEX, m, 1)).toBe(WRITER_WAIT);
    expect(canMove(RWMUTEX, m, programs, 1)).toBe(false);
    expect(m.lock.readerCount).toBe(1 - RWMUTEX_MAX_READERS);
    expect(m.lock.readerWait).toBe(1);
    m = runMethod(RWMUTEX, m, programs, 0); // RUnlock: rUnlockSlow hands the writer a token
    expect(m.lock.writerSem).toBe(1);
    expect(canMove(RWMUTEX, m, programs, 1)).toBe(true);
    m = runMethod(RWMUTEX, m, programs, 1);
    expect(inside(m, programs, 'Lock')).toEqual([1]);
    m = runMethod(RWMUTEX, m, programs, 1);
    expect(m.lock).toEqual(RW_UNLOCKED);
  });

  it('writer preference: a new reader blocks while a writer waits, and Unlock wakes it', () => {
    const programs = [R, W, R];
    let m = runMethod(RWMUTEX, lockInit(RWMUTEX, 3), programs, 0); // G0 reads
    m = runMethod(RWMUTEX, m, programs, 1); // G1 waits for G0
    m = runMethod(RWMUTEX, m, programs, 2); // G2 arrives after the writer
    expect(labelOf(RWMUTEX, m, 2)).toBe(READER_WAIT);
    expect(canMove(RWMUTEX, m, programs, 2)).toBe(false);
    m = runMethod(RWMUTEX, m, programs, 0);
    m = runMethod(RWMUTEX, m, programs, 1); // the writer gets the lock; G2 still waits
    expect(canMove(RWMUTEX, m, programs, 2)).toBe(false);
    m = runMethod(RWMUTEX, m, programs, 1); // Unlock releases one readerSem token per waiting reader
    expect(canMove(RWMUTEX, m, programs, 2)).toBe(true);
    m = runMethod(RWMUTEX, m, programs, 2);
    expect(inside(m, programs, 'RLock')).toEqual([2]);
    m = runMethod(RWMUTEX, m, programs, 2);
    expect(RWMUTEX.broken(m.lock)).toBeUndefined();
  });

  it('a second writer waits on w, the internal Mutex', () => {
    const programs = [W, W];
    let m = runMethod(RWMUTEX, lockInit(RWMUTEX, 2), programs, 0);
    m = runMethod(RWMUTEX, m, programs, 1);
    expect(labelOf(RWMUTEX, m, 1)).toBe('lockSlow: atomic.CompareAndSwapInt32(&m.state, old, new) (atomic cas)');
    expect(canMove(RWMUTEX, m, programs, 1)).toBe(false);
  });

  it('recursive RLock with a waiting writer deadlocks: both goroutines are not enabled', () => {
    const programs = [['RLock', 'RLock', 'RUnlock', 'RUnlock'], W];
    let m = runMethod(RWMUTEX, lockInit(RWMUTEX, 2), programs, 0); // first RLock
    m = runMethod(RWMUTEX, m, programs, 1); // the writer announces itself and waits for G0
    m = runMethod(RWMUTEX, m, programs, 0); // the recursive RLock queues behind the writer
    expect(labelOf(RWMUTEX, m, 0)).toBe(READER_WAIT);
    expect(labelOf(RWMUTEX, m, 1)).toBe(WRITER_WAIT);
    expect(canMove(RWMUTEX, m, programs, 0)).toBe(false);
    expect(canMove(RWMUTEX, m, programs, 1)).toBe(false);
    // And the exhaustive search finds that state among the interleavings (and others finish).
    const r = searchLocks(RWMUTEX, programs, () => {});
    expect(r.deadlocks.length).toBeGreaterThan(0);
    expect(r.finals.length).toBeGreaterThan(0);
  });

  it.each([
    { name: 'two readers, one writer', programs: [[...R, ...R], W, R] },
    { name: 'two writers, one reader', programs: [[...W, ...W], W, R] },
    { name: 'mixed programs', programs: [[...R, ...W], [...W, ...R], R] },
  ])('every interleaving ($name): exclusive, no deadlock, the lock idle at the end', ({ programs }) => {
    const r = searchLocks(RWMUTEX, programs, exclusive(programs));
    expect(r.deadlocks).toEqual([]);
    expect(r.crashes).toBe(0);
    for (const f of r.finals) expect(RWMUTEX.broken(f.lock)).toBeUndefined();
    // Readers did overlap somewhere, so sharing is exercised, not just allowed.
    let shared = false;
    searchLocks(RWMUTEX, programs, (m) => { if (inside(m, programs, 'RLock').length > 1) shared = true; });
    expect(shared).toBe(programs.filter((p) => p.includes('RLock')).length > 1);
  });

  it('misuse is Go\'s fatal error', () => {
    expect(runMethod(RWMUTEX, lockInit(RWMUTEX, 1), [['RUnlock']], 0).crash).toEqual({ kind: 'fatal', message: RUNLOCK_OF_UNLOCKED });
    expect(runMethod(RWMUTEX, lockInit(RWMUTEX, 1), [['Unlock']], 0).crash).toEqual({ kind: 'fatal', message: UNLOCK_OF_UNLOCKED_RW });
    // RUnlock while a writer holds the lock and no reader does (r+1 == -rwmutexMaxReaders).
    const programs = [W, ['RUnlock']];
    const m = runMethod(RWMUTEX, lockInit(RWMUTEX, 2), programs, 0);
    expect(runMethod(RWMUTEX, m, programs, 1).crash).toEqual({ kind: 'fatal', message: RUNLOCK_OF_UNLOCKED });
  });

  it('each idle invariant names its cause', () => {
    expect(RWMUTEX.broken({ ...RW_UNLOCKED, readerCount: 1 })).toBe('rwmutex: no reader or pending writer counted when idle');
    expect(RWMUTEX.broken({ ...RW_UNLOCKED, readerSem: 1 })).toBe('rwmutex: no readerSem token left when idle');
    expect(RWMUTEX.broken({ ...RW_UNLOCKED, w: { state: 1 } })).toBe('rwmutex: no writer holds w when idle');
  });

  it('steps never mutate the state they are given', () => {
    const programs = [[...R, ...W], W, R];
    searchLocks(RWMUTEX, programs, (m) => {
      deepFreeze(m);
      for (let g = 0; g < programs.length; g++) if (canMove(RWMUTEX, m, programs, g)) move(RWMUTEX, m, programs, g);
    });
  });
});

/**
 * rwmutex-map: sequential fidelity, and sync.RWMutex as the map uses it: readers share, a writer
 * runs alone, a waiting writer keeps later readers out (writer preference), blocked goroutines
 * are not enabled.
 */
import { describe, expect, it } from 'vitest';
import { SMALL } from '../../../spec/config.js';
import { rwmutexMapTarget } from '../../../spec/guarded/index.js';
import type { GuardedState } from '../../../spec/guarded/state.js';
import type { Target } from '../../../spec/target.js';
import type { Op } from '../../../spec/types.js';
import { begin, inMap, stepWhile, untilInMap } from './drive.js';
import { describeFidelity } from './fidelity.js';
import { targetCase } from './targets.js';

type T = Target<GuardedState<unknown>>;
const assign = (key: number, value: number): Op => ({ kind: 'assign', key, value });
const access = (key: number): Op => ({ kind: 'access', key });

describeFidelity(targetCase('rwmutex-map'));

describe('rwmutex-map', () => {
  const t = rwmutexMapTarget(SMALL) as T;

  it('readers share: two reads run their map code at the same time', () => {
    let s = begin(t, t.init(SMALL, 2), 0, { kind: 'range' });
    s = begin(t, s, 1, access(0));
    expect(inMap(s, 0) && inMap(s, 1)).toBe(true);
    expect(t.enabled(s, 0) && t.enabled(s, 1)).toBe(true);
  });

  it('writer preference: a writer waits for the reader, and a reader arriving after it waits for the writer', () => {
    let s = begin(t, t.init(SMALL, 3), 0, access(0));
    s = begin(t, s, 1, assign(0, 5));
    s = stepWhile(t, s, 1).s;
    expect(t.nextLabel(s, 1)).toBe('Lock: runtime_SemacquireMutex(&rw.writerSem, false, 0) (semacquire)');
    expect(t.enabled(s, 1)).toBe(false);
    s = begin(t, s, 2, access(1));
    expect(t.nextLabel(s, 2)).toBe('RLock: runtime_SemacquireMutex(&rw.readerSem, false, 0) (semacquire)');
    expect(t.enabled(s, 2)).toBe(false);
    // The first reader leaves: the writer runs alone, the late reader still waits.
    s = stepWhile(t, s, 0).s;
    expect(t.enabled(s, 1)).toBe(true);
    s = untilInMap(t, s, 1);
    expect(inMap(s, 1)).toBe(true);
    expect(t.enabled(s, 2)).toBe(false);
    // The writer's Unlock wakes the late reader, which then reads the writer's value.
    s = stepWhile(t, s, 1).s;
    expect(t.enabled(s, 2)).toBe(true);
    const r = stepWhile(t, s, 2);
    expect(r.result).toEqual({ kind: 'value', value: 0, ok: false }); // k1 was never written
    expect(t.broken(r.s)).toBeUndefined();
  });

  it('a writer holding the lock blocks a second writer on rw.w', () => {
    let s = untilInMap(t, t.start(t.init(SMALL, 2), 0, assign(0, 1), 0), 0);
    s = begin(t, s, 1, { kind: 'clear' });
    expect(t.nextLabel(s, 1)).toBe('lockSlow: atomic.CompareAndSwapInt32(&m.state, old, new) (atomic cas)');
    expect(t.enabled(s, 1)).toBe(false);
    expect(t.step(t.start(t.init(SMALL, 1), 0, assign(0, 1), 0), 0).info.reads).toEqual(['rw.w.state']);
  });
});

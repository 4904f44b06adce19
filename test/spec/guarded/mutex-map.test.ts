/**
 * mutex-map: sequential fidelity, and sync.Mutex as the map uses it: every operation, readers too,
 * runs its map code alone; a goroutine that finds the mutex held fails the fast path and is then
 * not enabled until Unlock.
 */
import { describe, expect, it } from 'vitest';
import { SMALL } from '../../../spec/config.js';
import { mutexMapTarget } from '../../../spec/guarded/index.js';
import type { GuardedState } from '../../../spec/guarded/state.js';
import type { Target } from '../../../spec/target.js';
import type { Op } from '../../../spec/types.js';
import { begin, inMap, stepWhile } from './drive.js';
import { describeFidelity } from './fidelity.js';
import { targetCase } from './targets.js';

type T = Target<GuardedState<unknown>>;
const assign = (key: number, value: number): Op => ({ kind: 'assign', key, value });
const access = (key: number): Op => ({ kind: 'access', key });

describeFidelity(targetCase('mutex-map'));

describe('mutex-map', () => {
  const t = mutexMapTarget(SMALL) as T;

  it('a second goroutine fails the fast path, is not enabled while the first holds the lock, then takes it', () => {
    let s = begin(t, t.init(SMALL, 2), 0, access(0));
    expect(inMap(s, 0)).toBe(true);
    s = begin(t, s, 1, assign(0, 7)); // the fast path's CAS fails
    expect(t.idle(s, 1)).toBe(false);
    expect(t.enabled(s, 1)).toBe(false);
    expect(t.nextLabel(s, 1)).toBe('lockSlow: atomic.CompareAndSwapInt32(&m.state, old, new) (atomic cas)');
    s = stepWhile(t, s, 0).s;
    expect(t.idle(s, 0)).toBe(true);
    expect(t.enabled(s, 1)).toBe(true);
    const r = t.step(s, 1);
    expect(r.info.reads).toEqual(['mu.state']);
    expect(r.info.access).toBe('atomic');
    expect(inMap(r.state, 1)).toBe(true);
  });

  it('readers exclude each other too: every operation takes the one mutex', () => {
    let s = begin(t, t.init(SMALL, 2), 0, access(0));
    s = begin(t, s, 1, access(1));
    expect(t.enabled(s, 1)).toBe(false);
  });
});

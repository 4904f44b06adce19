/**
 * mu as the scheduler sees it: a goroutine at mu.Lock() while another holds mu is not enabled,
 * and becomes enabled once mu is unlocked.
 */
import { describe, expect, it } from 'vitest';
import { SMALL } from '../../../spec/config.js';
import { NONE } from '../../../spec/syncmap/constants.js';
import type { SyncMapState } from '../../../spec/syncmap/state.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';

const t = syncmapTarget(SMALL);

/** Steps g until `until` holds of the state (or g goes idle, which fails the test). */
function stepUntil(s: SyncMapState, g: number, until: (s: SyncMapState) => boolean): SyncMapState {
  while (!until(s)) {
    expect(t.idle(s, g), `G${g} finished before the condition held`).toBe(false);
    s = t.step(s, g).state;
  }
  return s;
}

describe('a blocked Lock', () => {
  it('is not enabled while another goroutine holds mu, and is after Unlock', () => {
    let s = t.init(SMALL, 2);
    s = t.start(s, 0, { kind: 'assign', key: 0, value: 1 }, 0);
    s = stepUntil(s, 0, (x) => x.mem.mu === 0);
    s = t.start(s, 1, { kind: 'assign', key: 1, value: 2 }, 0);
    s = stepUntil(s, 1, (x) => t.nextLabel(x, 1) === 'Store: m.mu.Lock() (lock)');
    expect(t.enabled(s, 1)).toBe(false);
    expect(() => t.step(s, 1)).toThrow(/waiting for mu/);
    s = stepUntil(s, 0, (x) => x.mem.mu === NONE);
    expect(t.enabled(s, 1)).toBe(true);
    s = t.step(s, 1).state;
    expect(s.mem.mu).toBe(1);
  });

  it('an idle goroutine is not enabled; a busy one at an atomic access always is', () => {
    let s = t.init(SMALL, 2);
    expect(t.enabled(s, 0)).toBe(false);
    s = t.start(s, 0, { kind: 'access', key: 0 }, 0);
    expect(t.enabled(s, 0)).toBe(true);
  });
});

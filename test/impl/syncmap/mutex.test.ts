/**
 * mu: Lock and Unlock are steps with the method's labels, taken right after the hook returns;
 * a Lock that cannot get mu gives up after the map's timeout with a clear error instead of
 * hanging; Unlock of an unlocked mu is Go's fatal error. (Exclusion between real threads is
 * checked in workers.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { GoCrash } from '../../../impl/hmap/errors.js';
import { LOAD, STORE } from '../../../impl/syncmap/labels.js';
import { LockTimeoutError, SharedSyncMap, UNLOCK_OF_UNLOCKED } from '../../../impl/syncmap/index.js';
import { MU_WORD } from '../../../impl/syncmap/memory.js';
import { FREE, Mutex } from '../../../impl/syncmap/mutex.js';
import { SMALL } from '../../../spec/config.js';

describe('mu', () => {
  it('is free when Lock\'s step is announced and held when Unlock\'s is', () => {
    let m: SharedSyncMap | undefined;
    const seen: Array<[string, number]> = [];
    m = SharedSyncMap.create(SMALL, { hook: (label) => seen.push([label, Atomics.load(new Int32Array(m!.buffer), MU_WORD)]) });
    m.store(1, 1);
    expect(seen.filter(([l]) => l === STORE.lock || l === STORE.unlock)).toEqual([[STORE.lock, 0], [STORE.unlock, 1]]);
    expect(m.inspect().locked).toBe(false);
  });

  it('makes a Lock that waits longer than the timeout throw, and the map goes on afterwards', () => {
    // A hook that runs a Load while Store holds mu: the Load needs mu too (k9 is only in dirty).
    let other: SharedSyncMap | undefined;
    let waited = 0;
    const m = SharedSyncMap.create(SMALL, {
      lockTimeoutMs: 150,
      hook: (label) => {
        if (label !== STORE.unlock || !other) return;
        const t0 = Date.now();
        try {
          other.load(9);
        } finally {
          waited = Date.now() - t0;
        }
      },
    });
    m.store(9, 90);
    other = SharedSyncMap.attach(SMALL, m.buffer);
    const error = (() => {
      try {
        m.store(10, 100);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toMatch(new RegExp(`^sync.Map mu still locked after \\d+ ms at "${LOAD.lock.replace(/[.()*]/g, '\\$&')}"`));
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(2_000);
    // The Store stopped inside its critical section and gave mu back; what it had done stays.
    other = undefined;
    expect(m.inspect().locked).toBe(false);
    expect(m.contents()).toEqual(new Map([[9, 90], [10, 100]]));
    expect(m.load(9)).toEqual({ value: 90, ok: true });
  });

  it('reports an Unlock of an unlocked mu as Go\'s fatal error', () => {
    const mu = new Mutex(new Int32Array(new SharedArrayBuffer(8)), 1, FREE, 100);
    const error = (() => {
      try {
        mu.unlock('x');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GoCrash);
    expect(error).toMatchObject({ goKind: 'fatal', message: UNLOCK_OF_UNLOCKED });
    mu.lock('x');
    expect(mu.held()).toBe(true);
    mu.unlock('x');
    expect(mu.held()).toBe(false);
  });
});

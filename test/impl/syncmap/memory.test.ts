/**
 * Memory is a fixed arena that is never reused: running out is a clear error, raised before the
 * failing operation has changed anything another operation could see, with mu released, so
 * the map keeps what it held and keeps working for operations that need no memory.
 */
import { describe, expect, it } from 'vitest';
import { ArenaFullError } from '../../../impl/hmap/errors.js';
import { SharedSyncMap, SyncArenaFullError } from '../../../impl/syncmap/index.js';
import { SMALL } from '../../../spec/config.js';

/** Stores new keys until the arena is full; returns what was stored and the error. */
function fill(m: SharedSyncMap): { stored: Map<number, number>; error: unknown } {
  const stored = new Map<number, number>();
  for (let k = 0; k < 10_000; k++) {
    try {
      m.store(k, -k - 1);
    } catch (error) {
      return { stored, error };
    }
    stored.set(k, -k - 1);
    // A Load of the newest key misses read and counts a miss: dirty is promoted now and then.
    m.load(k);
  }
  throw new Error('the arena never filled up');
}

describe('the arena', () => {
  it('says so when full, and leaves the map holding what it held, unlocked and usable', () => {
    const m = SharedSyncMap.create(SMALL, { arenaWords: 600 });
    const { stored, error } = fill(m);
    expect(error).toBeInstanceOf(SyncArenaFullError);
    // The plain map's class too, so one instanceof tells a full arena from a Go crash.
    expect(error).toBeInstanceOf(ArenaFullError);
    expect((error as Error).message).toMatch(/^arena full: cannot allocate \d+ word\(s\) for .+, \d+ of 600 already in use \(create the map with a larger arenaWords\)$/);
    expect(stored.size).toBeGreaterThan(10);
    expect(m.allocated()).toBeLessThanOrEqual(600);
    expect(m.inspect().locked).toBe(false);
    expect(m.contents()).toEqual(stored);
    // A request that did not fit took nothing: smaller ones are served until not even a value's
    // one-word box fits. Every store that returned is in the map; the refused one changed nothing.
    const [k0] = stored.keys();
    let last: unknown;
    for (let v = 1; v < 1000 && last === undefined; v++) {
      try {
        m.store(k0!, 1000 + v);
        stored.set(k0!, 1000 + v);
      } catch (e) {
        last = e;
      }
    }
    expect((last as Error).message).toMatch(/^arena full: cannot allocate 1 word\(s\) for a value, 600 of 600 already in use/);
    expect(m.contents()).toEqual(stored);
    // Deleting needs no memory while the key is in read.m.
    const read = m.inspect().read!.m!.map(([k]) => k).filter((k) => stored.has(k));
    expect(read.length).toBeGreaterThan(0);
    for (const k of read) expect(m.loadAndDelete(k)).toEqual({ value: stored.get(k), ok: true });
    for (const k of read) stored.delete(k);
    expect(m.contents()).toEqual(stored);
    expect(m.inspect().locked).toBe(false);
  });

  it.each([
    ['Store', (m: SharedSyncMap) => m.store(0, 5)],
    ['LoadOrStore', (m: SharedSyncMap) => m.loadOrStore(0, 5)],
  ])('stops a %s that would unexpunge into a dirty with no room before the entry changes', (_name, unexpunge) => {
    // k0 is expunged in read.m, and dirty is as full as it gets before it must grow.
    const setup = (m: SharedSyncMap): void => {
      m.store(0, 1);
      m.load(0); // the miss promotes dirty: k0 is in read.m
      m.delete(0);
      for (let k = 1; k <= 4; k++) m.store(k, 10 + k); // k1 makes dirty and expunges k0
    };
    const roomy = SharedSyncMap.create(SMALL);
    setup(roomy);
    const m = SharedSyncMap.create(SMALL, { arenaWords: roomy.allocated() + 10 });
    setup(m);
    const before = m.inspect();
    expect(before.read?.m).toEqual([[0, 'expunged']]);
    expect(() => unexpunge(m)).toThrow(/^arena full: cannot allocate \d+ word\(s\) for a map/);
    // Still expunged and out of dirty: unexpunged but left out of dirty, a value stored into k0
    // later would be lost when dirty is promoted.
    expect(m.inspect()).toEqual(before);
    expect(m.load(0)).toEqual({ value: 0, ok: false });
  });

  it('refuses nonsense sizes', () => {
    expect(() => SharedSyncMap.create(SMALL, { arenaWords: 0 })).toThrow(RangeError);
    expect(() => SharedSyncMap.create(SMALL, { arenaWords: 1.5 })).toThrow(/arenaWords must be a positive integer/);
    expect(() => SharedSyncMap.create(SMALL, { lockTimeoutMs: 0 })).toThrow(/lockTimeoutMs/);
  });
});

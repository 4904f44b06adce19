import type { MapConfig } from '../../spec/config.js';
import { FREE, type Hook } from '../hmap/core.js';
import { SharedGoMap } from '../hmap/map.js';
import { RWMUTEX_WORDS, SharedRWMutex } from '../sync/rwmutex.js';
import { type AttachOptions, type GuardedBuffer, type GuardedCreateOptions, type GuardedImage, lockWords, LOCKS_BASE, newLockBuffer } from './base.js';
import { OneLockMap } from './one-lock.js';

/**
 * `var mu sync.RWMutex; m := map[int]int32{}`, as spec/guarded/rwmutex-map.ts plans it: the
 * readers (m[k], range, len) under RLock/RUnlock, the writers (assign, delete, clear) under
 * Lock/Unlock. A range holds the read lock for the whole loop, so it is a snapshot.
 */
export class SharedRWMutexMap extends OneLockMap {
  private constructor(readonly cfg: MapConfig, readonly buffer: GuardedBuffer, private readonly rw: SharedRWMutex, m: SharedGoMap) {
    super(m, { enter: () => rw.rlock(), leave: () => rw.runlock() }, { enter: () => rw.lock(), leave: () => rw.unlock() });
  }

  static create(cfg: MapConfig, opts: GuardedCreateOptions = {}): SharedRWMutexMap {
    const map = SharedGoMap.create(cfg, opts.arenaBuckets === undefined ? {} : { arenaBuckets: opts.arenaBuckets });
    const buffer = { locks: newLockBuffer('rwmutex-map', 1, RWMUTEX_WORDS), maps: [map.buffer] };
    return SharedRWMutexMap.attach(cfg, buffer, opts.hook, opts);
  }

  static attach(cfg: MapConfig, buffer: GuardedBuffer, hook: Hook = FREE, opts: AttachOptions = {}): SharedRWMutexMap {
    const i32 = lockWords('rwmutex-map', buffer, RWMUTEX_WORDS);
    return new SharedRWMutexMap(cfg, buffer, new SharedRWMutex(i32, LOCKS_BASE, hook, opts.waitMs), SharedGoMap.attach(cfg, buffer.maps[0]!, hook));
  }

  inspect(): GuardedImage {
    return { maps: [this.m.inspect()], locks: [this.rw.inspect()] };
  }
}

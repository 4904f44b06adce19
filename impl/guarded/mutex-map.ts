import type { MapConfig } from '../../spec/config.js';
import { FREE, type Hook } from '../hmap/core.js';
import { SharedGoMap } from '../hmap/map.js';
import { MUTEX_WORDS, SharedMutex } from '../sync/mutex.js';
import { type AttachOptions, type GuardedBuffer, type GuardedCreateOptions, type GuardedImage, lockWords, LOCKS_BASE, newLockBuffer } from './base.js';
import { OneLockMap } from './one-lock.js';

/**
 * `var mu sync.Mutex; m := map[int]int32{}` with every operation, readers too, between
 * mu.Lock() and mu.Unlock(), as spec/guarded/mutex-map.ts plans it. The hook sees the lock's
 * steps and the map's, in the spec's order.
 */
export class SharedMutexMap extends OneLockMap {
  private constructor(readonly cfg: MapConfig, readonly buffer: GuardedBuffer, private readonly mu: SharedMutex, m: SharedGoMap) {
    const side = { enter: () => mu.lock(), leave: () => mu.unlock() };
    super(m, side, side);
  }

  static create(cfg: MapConfig, opts: GuardedCreateOptions = {}): SharedMutexMap {
    const map = SharedGoMap.create(cfg, opts.arenaBuckets === undefined ? {} : { arenaBuckets: opts.arenaBuckets });
    const buffer = { locks: newLockBuffer('mutex-map', 1, MUTEX_WORDS), maps: [map.buffer] };
    return SharedMutexMap.attach(cfg, buffer, opts.hook, opts);
  }

  /** The same map seen from another worker (or with another hook). */
  static attach(cfg: MapConfig, buffer: GuardedBuffer, hook: Hook = FREE, opts: AttachOptions = {}): SharedMutexMap {
    const i32 = lockWords('mutex-map', buffer, MUTEX_WORDS);
    return new SharedMutexMap(cfg, buffer, new SharedMutex(i32, LOCKS_BASE, hook, opts.waitMs), SharedGoMap.attach(cfg, buffer.maps[0]!, hook));
  }

  /** The map and the lock as they are now, without scheduling points. */
  inspect(): GuardedImage {
    return { maps: [this.m.inspect()], locks: [this.mu.inspect()] };
  }
}

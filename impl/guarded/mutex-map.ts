import type { MapConfig } from '../../spec/config.js';
import type { OpResult, Op } from '../../spec/types.js';
import { FREE, type Hook } from '../hmap/core.js';
import { SharedGoMap } from '../hmap/map.js';
import { MUTEX_WORDS, SharedMutex } from '../sync/mutex.js';
import { type AttachOptions, type GuardedBuffer, type GuardedCreateOptions, type GuardedImage, lockWords, LOCKS_BASE, type MapApi, newLockBuffer, runOp } from './base.js';

/**
 * `var mu sync.Mutex; m := map[int]int32{}` with every operation, readers too, between
 * mu.Lock() and mu.Unlock(), as spec/guarded/mutex-map.ts plans it. The hook sees the lock's
 * steps and the map's, in the spec's order.
 */
export class SharedMutexMap implements MapApi {
  private constructor(readonly cfg: MapConfig, readonly buffer: GuardedBuffer, private readonly mu: SharedMutex, private readonly m: SharedGoMap) {}

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

  /** Runs f holding mu; unlocks even when f throws, so a failed operation does not strand the others. */
  private locked<T>(f: () => T): T {
    this.mu.lock();
    try {
      return f();
    } finally {
      this.mu.unlock();
    }
  }

  assign(key: number, value: number): void {
    this.locked(() => this.m.assign(key, value));
  }

  access(key: number): { value: number; ok: boolean } {
    return this.locked(() => this.m.access(key));
  }

  delete(key: number): void {
    this.locked(() => this.m.delete(key));
  }

  /** The whole loop holds mu: the pairs are one snapshot. Leaving the loop early unlocks too. */
  *range(): Generator<[key: number, value: number], void, undefined> {
    this.mu.lock();
    try {
      yield* this.m.range();
    } finally {
      this.mu.unlock();
    }
  }

  clear(): void {
    this.locked(() => this.m.clear());
  }

  len(): number {
    return this.locked(() => this.m.len());
  }

  run(op: Op): OpResult {
    return runOp(this, op);
  }

  /** The map and the lock as they are now, without scheduling points. */
  inspect(): GuardedImage {
    return { maps: [this.m.inspect()], locks: [this.mu.inspect()] };
  }
}

import type { MapConfig } from '../../spec/config.js';
import type { Op, OpResult } from '../../spec/types.js';
import { FREE, type Hook } from '../hmap/core.js';
import { SharedGoMap } from '../hmap/map.js';
import { RWMUTEX_WORDS, SharedRWMutex } from '../sync/rwmutex.js';
import { type AttachOptions, type GuardedBuffer, type GuardedCreateOptions, type GuardedImage, lockWords, LOCKS_BASE, type MapApi, newLockBuffer, runOp } from './base.js';

/**
 * `var mu sync.RWMutex; m := map[int]int32{}`, as spec/guarded/rwmutex-map.ts plans it: the
 * readers (m[k], range, len) under RLock/RUnlock, the writers (assign, delete, clear) under
 * Lock/Unlock. A range holds the read lock for the whole loop, so it is a snapshot.
 */
export class SharedRWMutexMap implements MapApi {
  private constructor(readonly cfg: MapConfig, readonly buffer: GuardedBuffer, private readonly rw: SharedRWMutex, private readonly m: SharedGoMap) {}

  static create(cfg: MapConfig, opts: GuardedCreateOptions = {}): SharedRWMutexMap {
    const map = SharedGoMap.create(cfg, opts.arenaBuckets === undefined ? {} : { arenaBuckets: opts.arenaBuckets });
    const buffer = { locks: newLockBuffer('rwmutex-map', 1, RWMUTEX_WORDS), maps: [map.buffer] };
    return SharedRWMutexMap.attach(cfg, buffer, opts.hook, opts);
  }

  static attach(cfg: MapConfig, buffer: GuardedBuffer, hook: Hook = FREE, opts: AttachOptions = {}): SharedRWMutexMap {
    const i32 = lockWords('rwmutex-map', buffer, RWMUTEX_WORDS);
    return new SharedRWMutexMap(cfg, buffer, new SharedRWMutex(i32, LOCKS_BASE, hook, opts.waitMs), SharedGoMap.attach(cfg, buffer.maps[0]!, hook));
  }

  private reading<T>(f: () => T): T {
    this.rw.rlock();
    try {
      return f();
    } finally {
      this.rw.runlock();
    }
  }

  private writing<T>(f: () => T): T {
    this.rw.lock();
    try {
      return f();
    } finally {
      this.rw.unlock();
    }
  }

  assign(key: number, value: number): void {
    this.writing(() => this.m.assign(key, value));
  }

  access(key: number): { value: number; ok: boolean } {
    return this.reading(() => this.m.access(key));
  }

  delete(key: number): void {
    this.writing(() => this.m.delete(key));
  }

  /** Under the read lock for the whole loop; the loop's body must not write (RWMutex is not reentrant). */
  *range(): Generator<[key: number, value: number], void, undefined> {
    this.rw.rlock();
    try {
      yield* this.m.range();
    } finally {
      this.rw.runlock();
    }
  }

  clear(): void {
    this.writing(() => this.m.clear());
  }

  len(): number {
    return this.reading(() => this.m.len());
  }

  run(op: Op): OpResult {
    return runOp(this, op);
  }

  inspect(): GuardedImage {
    return { maps: [this.m.inspect()], locks: [this.rw.inspect()] };
  }
}

/** The sharded map of spec/guarded/sharded-map.ts: S RWMutex-guarded SharedGoMaps, keys spread by their hash's top byte. */
import type { MapConfig } from '../../spec/config.js';
import type { Op, OpResult } from '../../spec/types.js';
import { FREE, type Hook } from '../hmap/core.js';
import { SharedGoMap } from '../hmap/map.js';
import { RWMUTEX_WORDS, SharedRWMutex } from '../sync/rwmutex.js';
import { type AttachOptions, type GuardedBuffer, type GuardedCreateOptions, type GuardedImage, lockWords, LOCKS_BASE, type MapApi, newLockBuffer, runOp } from './base.js';
import { inside, type Side } from './one-lock.js';

/** Shards when none are asked for (spec/guarded/sharded-map.ts's DEFAULT_SHARDS). */
export const DEFAULT_SHARDS = 2;

/**
 * The shard of key k: its hash's top byte mod S, as spec/guarded/shard.ts chooses it (the low
 * bits pick the bucket inside the shard's map, so the shard must not depend on them).
 */
export function shardOfKey(cfg: MapConfig, key: number, shards: number): number {
  const hash = cfg.hashes[key];
  if (!Number.isInteger(key) || hash === undefined) {
    throw new RangeError(`key ${key} has no hash: configuration "${cfg.name}" hashes keys 0..${cfg.hashes.length - 1}`);
  }
  return ((hash >>> 24) & 0xff) % shards;
}

/**
 * S shards, each an RWMutex and a SharedGoMap, with spec/guarded/sharded-map.ts's plans:
 * m[k], m[k] = v and delete lock only k's shard; range visits the shards in order, each under
 * its own read lock (so it is not a snapshot, and is judged by sync.Map's Range rule); len and
 * clear take every shard's lock in shard order, work on every shard, then release them all in
 * shard order, which makes them atomic over the whole map without risking deadlock.
 */
export class SharedShardedMap implements MapApi {
  private readonly all: number[];

  private constructor(readonly cfg: MapConfig, readonly buffer: GuardedBuffer, private readonly locks: SharedRWMutex[], private readonly maps: SharedGoMap[]) {
    this.all = maps.map((_, i) => i);
  }

  static create(cfg: MapConfig, opts: GuardedCreateOptions & { shards?: number } = {}): SharedShardedMap {
    const shards = opts.shards ?? DEFAULT_SHARDS;
    if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`a sharded map needs a whole number of shards ≥ 1, not ${shards}`);
    const arena = opts.arenaBuckets === undefined ? {} : { arenaBuckets: opts.arenaBuckets };
    const maps = Array.from({ length: shards }, () => SharedGoMap.create(cfg, arena).buffer);
    return SharedShardedMap.attach(cfg, { locks: newLockBuffer('sharded-map', shards, RWMUTEX_WORDS), maps }, opts.hook, opts);
  }

  static attach(cfg: MapConfig, buffer: GuardedBuffer, hook: Hook = FREE, opts: AttachOptions = {}): SharedShardedMap {
    const i32 = lockWords('sharded-map', buffer, RWMUTEX_WORDS);
    const locks = buffer.maps.map((_, i) => new SharedRWMutex(i32, LOCKS_BASE + i * RWMUTEX_WORDS, hook, opts.waitMs));
    return new SharedShardedMap(cfg, buffer, locks, buffer.maps.map((b) => SharedGoMap.attach(cfg, b, hook)));
  }

  get shards(): number {
    return this.maps.length;
  }

  private reader(s: number): Side {
    const l = this.locks[s]!;
    return { enter: () => l.rlock(), leave: () => l.runlock() };
  }

  private writer(s: number): Side {
    const l = this.locks[s]!;
    return { enter: () => l.lock(), leave: () => l.unlock() };
  }

  assign(key: number, value: number): void {
    const s = shardOfKey(this.cfg, key, this.shards);
    inside(this.writer(s), () => this.maps[s]!.assign(key, value));
  }

  access(key: number): { value: number; ok: boolean } {
    const s = shardOfKey(this.cfg, key, this.shards);
    return inside(this.reader(s), () => this.maps[s]!.access(key));
  }

  delete(key: number): void {
    const s = shardOfKey(this.cfg, key, this.shards);
    inside(this.writer(s), () => this.maps[s]!.delete(key));
  }

  /** Shard after shard, never holding two locks: writers to other shards go on meanwhile. */
  *range(): Generator<[key: number, value: number], void, undefined> {
    for (const s of this.all) {
      this.locks[s]!.rlock();
      try {
        yield* this.maps[s]!.range();
      } finally {
        this.locks[s]!.runlock();
      }
    }
  }

  /** Every read lock held at once, so the sum is the count at one moment (see the spec's note). */
  len(): number {
    for (const s of this.all) this.locks[s]!.rlock();
    try {
      let n = 0;
      for (const s of this.all) n += this.maps[s]!.len();
      return n;
    } finally {
      for (const s of this.all) this.locks[s]!.runlock();
    }
  }

  clear(): void {
    for (const s of this.all) this.locks[s]!.lock();
    try {
      for (const s of this.all) this.maps[s]!.clear();
    } finally {
      for (const s of this.all) this.locks[s]!.unlock();
    }
  }

  run(op: Op): OpResult {
    return runOp(this, op);
  }

  inspect(): GuardedImage {
    return { maps: this.maps.map((m) => m.inspect()), locks: this.locks.map((l) => l.inspect()) };
  }
}

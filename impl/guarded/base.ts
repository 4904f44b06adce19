/** What the three guarded maps share: their operations' shape, their buffers, and their lock header. */
import type { MapImage } from '../hmap/image.js';
import type { Hook } from '../hmap/core.js';
import type { Op, OpResult } from '../../spec/types.js';
import { type MapApi, runOp as runMapOp } from '../hmap/run-op.js';
import type { MutexImage } from '../sync/mutex.js';
import type { RWMutexImage } from '../sync/rwmutex.js';

export type { MapApi } from '../hmap/run-op.js';

/**
 * Where a guarded map lives: one buffer for its locks and one SharedGoMap buffer per shard (a
 * SharedGoMap owns its buffer from byte 0, so the maps cannot share one). Posting this object to
 * a worker shares every buffer in it.
 */
export interface GuardedBuffer {
  readonly locks: SharedArrayBuffer;
  readonly maps: readonly SharedArrayBuffer[];
}

export interface GuardedCreateOptions {
  /** Each shard's arena (SharedGoMap's CreateOptions.arenaBuckets). */
  arenaBuckets?: number;
  hook?: Hook;
  /** How long one wait for a lock may sleep before LockWaitTimeout (impl/sync/sema.ts). */
  waitMs?: number;
}

export interface AttachOptions {
  waitMs?: number;
}

/** The raw state after a run: each shard's map and lock. */
export interface GuardedImage {
  maps: MapImage[];
  locks: Array<MutexImage | RWMutexImage>;
}

/** Which guarded map a lock buffer belongs to, so attach() refuses another map's buffer. */
export const GUARDED_KIND = { 'mutex-map': 1, 'rwmutex-map': 2, 'sharded-map': 3 } as const;
export type GuardedKind = keyof typeof GUARDED_KIND;

const MAGIC = 0x676c636b; // 'glck'
/** Header words: magic, kind, shards, one spare; the locks follow. */
export const LOCKS_BASE = 4;

export function newLockBuffer(kind: GuardedKind, shards: number, wordsPerLock: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(4 * (LOCKS_BASE + shards * wordsPerLock));
  const i32 = new Int32Array(buffer);
  i32[0] = MAGIC;
  i32[1] = GUARDED_KIND[kind];
  i32[2] = shards;
  return buffer;
}

/** The lock words of `b`, after checking that b is a `kind` map's buffer with one map per shard. */
export function lockWords(kind: GuardedKind, b: GuardedBuffer, wordsPerLock: number): Int32Array {
  const i32 = new Int32Array(b.locks);
  if (i32[0] !== MAGIC || i32[1] !== GUARDED_KIND[kind]) throw new Error(`not a ${kind} buffer`);
  const shards = i32[2]!;
  if (b.maps.length !== shards) throw new Error(`a ${kind} buffer of ${shards} shard(s) needs ${shards} map buffer(s), not ${b.maps.length}`);
  if (i32.length < LOCKS_BASE + shards * wordsPerLock) throw new Error(`${kind} lock buffer too small for ${shards} shard(s)`);
  return i32;
}

/** One operation of a checker scenario on a guarded map, with its result in the checker's terms. */
export function runOp(m: MapApi, op: Op): OpResult {
  return runMapOp(m, op, 'a guarded map');
}

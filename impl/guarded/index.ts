/** The locked maps on shared memory (Mutex or RWMutex plus a map, and the sharded map): their public surface. */
export { type AttachOptions, type GuardedBuffer, type GuardedCreateOptions, type GuardedImage, type GuardedKind, type MapApi, runOp } from './base.js';
export { SharedMutexMap } from './mutex-map.js';
export { SharedRWMutexMap } from './rwmutex-map.js';
export { DEFAULT_SHARDS, SharedShardedMap, shardOfKey } from './sharded-map.js';

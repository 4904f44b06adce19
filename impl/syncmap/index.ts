/** sync.Map on shared memory: its public surface. */
export { SharedSyncMap, DEFAULT_ARENA_WORDS, DEFAULT_LOCK_TIMEOUT_MS, type SyncCreateOptions } from './map.js';
export { FREE, type Hook, UNLOCK_OF_UNLOCKED } from './mutex.js';
export { SyncArenaFullError, LockTimeoutError } from './errors.js';
export { NIL_MAP_WRITE } from './core.js';
export type { SyncMapImage, PImage } from './image.js';
export type { Loaded } from './entry.js';
export type { RangeCallback } from './range.js';
export { SYNCMAP_LABELS } from './labels.js';

/** The plain map on shared memory: its public surface. */
export { SharedGoMap, DEFAULT_ARENA_BUCKETS, type CreateOptions } from './map.js';
export { FREE, type Hook } from './core.js';
export { GoCrash, ArenaFullError, type GoCrashKind } from './errors.js';
export type { MapImage, BucketImage } from './image.js';
export { HMAP_LABELS } from './labels.js';

/** The safe alternatives to a plain map, as checker targets. */
export { mutexMapTarget } from './mutex-map.js';
export { rwmutexMapTarget } from './rwmutex-map.js';
export { DEFAULT_SHARDS, shardedMapTarget } from './sharded-map.js';
export { shardOf } from './shard.js';
export { type Misuse, RWMUTEX_MISUSES, rwmutexMisuseTarget } from './misuse.js';
export type { GuardedState, GuardG } from './state.js';

import type { MapConfig } from '../../spec/config.js';
import { type GuardedBuffer, SharedMutexMap, SharedRWMutexMap, SharedShardedMap } from '../guarded/index.js';
import { SharedGoMap } from '../hmap/index.js';
import { SharedSyncMap } from '../syncmap/map.js';

/** The calls the throughput benchmark makes, on any map that lives in shared memory. */
export interface SyncMapLike {
  assign(k: number, v: number): void;
  access(k: number): unknown;
  delete(k: number): void;
}

/**
 * A map the throughput benchmark can share between workers: made once on the main thread, then
 * attached in each worker to the same shared memory (`create` returns what is posted to them: a
 * SharedArrayBuffer, or an object of them). `safe` is false for the plain map, which Go forbids
 * sharing with a writer: it is measured with one worker only, as the ceiling.
 */
export interface Subject {
  name: string;
  safe: boolean;
  create(cfg: MapConfig): unknown;
  attach(cfg: MapConfig, memory: unknown): SyncMapLike;
}

/** Buckets for churn: the arena is never reused, and deletes followed by inserts do not grow it. */
const ARENA_BUCKETS = 1 << 16;

export const SUBJECTS: Subject[] = [
  {
    name: 'hmap',
    safe: false,
    create: (cfg) => SharedGoMap.create(cfg, { arenaBuckets: ARENA_BUCKETS }).buffer,
    attach: (cfg, buffer) => SharedGoMap.attach(cfg, buffer as SharedArrayBuffer),
  },
  {
    name: 'mutex-map',
    safe: true,
    create: (cfg) => SharedMutexMap.create(cfg, { arenaBuckets: ARENA_BUCKETS }).buffer,
    attach: (cfg, memory) => SharedMutexMap.attach(cfg, memory as GuardedBuffer),
  },
  {
    name: 'rwmutex-map',
    safe: true,
    create: (cfg) => SharedRWMutexMap.create(cfg, { arenaBuckets: ARENA_BUCKETS }).buffer,
    attach: (cfg, memory) => SharedRWMutexMap.attach(cfg, memory as GuardedBuffer),
  },
  {
    name: 'sharded-map',
    safe: true,
    create: (cfg) => SharedShardedMap.create(cfg, { arenaBuckets: ARENA_BUCKETS }).buffer,
    attach: (cfg, memory) => SharedShardedMap.attach(cfg, memory as GuardedBuffer),
  },
  {
    name: 'syncmap',
    safe: true,
    // Every Store boxes its value in fresh words and nothing is reused: room for a few million.
    create: (cfg) => SharedSyncMap.create(cfg, { arenaWords: SYNCMAP_ARENA_WORDS }).buffer,
    attach: (cfg, memory) => {
      const m = SharedSyncMap.attach(cfg, memory as SharedArrayBuffer);
      return { assign: (k, v) => m.store(k, v), access: (k) => m.load(k), delete: (k) => m.delete(k) };
    },
  },
];

const SYNCMAP_ARENA_WORDS = 1 << 24;

export function subjectNamed(name: string): Subject {
  const s = SUBJECTS.find((x) => x.name === name);
  if (!s) throw new Error(`no benchmark subject "${name}" (known: ${SUBJECTS.map((x) => x.name).join(', ')})`);
  return s;
}

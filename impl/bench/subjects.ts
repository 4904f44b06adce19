import type { MapConfig } from '../../spec/config.js';
import { SharedGoMap } from '../hmap/index.js';

/** The calls the throughput benchmark makes, on any map that lives in shared memory. */
export interface SyncMapLike {
  assign(k: number, v: number): void;
  access(k: number): unknown;
  delete(k: number): void;
}

/**
 * A map the throughput benchmark can share between workers: made once on the main thread, then
 * attached in each worker to the same SharedArrayBuffer. `safe` is false for the plain map, which
 * Go forbids sharing with a writer: it is measured with one worker only, as the ceiling.
 */
export interface Subject {
  name: string;
  safe: boolean;
  create(cfg: MapConfig): SharedArrayBuffer;
  attach(cfg: MapConfig, buffer: SharedArrayBuffer): SyncMapLike;
}

/** Buckets for churn: the arena is never reused, and deletes followed by inserts do not grow it. */
const ARENA_BUCKETS = 1 << 16;

export const SUBJECTS: Subject[] = [
  {
    name: 'hmap',
    safe: false,
    create: (cfg) => SharedGoMap.create(cfg, { arenaBuckets: ARENA_BUCKETS }).buffer,
    attach: (cfg, buffer) => SharedGoMap.attach(cfg, buffer),
  },
];

export function subjectNamed(name: string): Subject {
  const s = SUBJECTS.find((x) => x.name === name);
  if (!s) throw new Error(`no benchmark subject "${name}" (known: ${SUBJECTS.map((x) => x.name).join(', ')})`);
  return s;
}

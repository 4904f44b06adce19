import type { MapConfig } from '../../spec/config.js';
import type { Op, OpResult } from '../../spec/types.js';
import { assign } from './assign.js';
import { mapclear } from './clear.js';
import { FREE, type Hook, MapCore } from './core.js';
import { mapdelete } from './delete.js';
import { imageOf, type MapImage } from './image.js';
import { range } from './iterate.js';
import { access, len } from './lookup.js';
import { runOp } from './run-op.js';
import { HmapMemory, layoutOf } from './memory.js';

export interface CreateOptions {
  /** Buckets the arena can hand out over the map's life (memory is never reused). */
  arenaBuckets?: number;
  hook?: Hook;
}

export const DEFAULT_ARENA_BUCKETS = 4096;

/**
 * Go 1.19's runtime map (hmap) on one SharedArrayBuffer, for int keys and int32 values. Several
 * workers can attach to the same buffer and use it at once; like a Go map it is not safe for
 * concurrent use: it races where Go races and stops with Go's own fatal errors when it notices
 * ('concurrent map writes', ...), thrown as GoCrash.
 *
 * Keys are indexes into the configuration's hash table (the table is the hash function), so key k
 * must be in 0..cfg.hashes.length-1.
 */
export class SharedGoMap {
  private readonly core: MapCore;

  private constructor(readonly cfg: MapConfig, private readonly mem: HmapMemory, hook: Hook) {
    this.core = new MapCore(cfg, mem, hook);
  }

  /** `make(map[int]int32)` (map.go:304-331): B from the configuration, buckets allocated when B > 0. */
  static create(cfg: MapConfig, opts: CreateOptions = {}): SharedGoMap {
    const arenaBuckets = opts.arenaBuckets ?? DEFAULT_ARENA_BUCKETS;
    const layout = layoutOf(cfg.bucketCnt, arenaBuckets);
    const mem = new HmapMemory(new SharedArrayBuffer(layout.byteLength), cfg.bucketCnt, { arenaBuckets });
    mem.setB(cfg.initialB);
    if (cfg.initialB > 0) mem.setBuckets(mem.alloc(2 ** cfg.initialB));
    return new SharedGoMap(cfg, mem, opts.hook ?? FREE);
  }

  /** The same map seen from another worker (or with another hook): no copy, the same memory. */
  static attach(cfg: MapConfig, buffer: SharedArrayBuffer, hook: Hook = FREE): SharedGoMap {
    return new SharedGoMap(cfg, new HmapMemory(buffer, cfg.bucketCnt), hook);
  }

  get buffer(): SharedArrayBuffer {
    return this.mem.buffer;
  }

  /** `m[k] = v`. */
  assign(key: number, value: number): void {
    assign(this.core, this.checkKey(key), checkValue(value));
  }

  /** `v, ok := m[k]`. */
  access(key: number): { value: number; ok: boolean } {
    return access(this.core, this.checkKey(key));
  }

  /** `delete(m, k)`. */
  delete(key: number): void {
    mapdelete(this.core, this.checkKey(key));
  }

  /** `for k, v := range m`: yields [key, value] pairs; the scheduling points run as it is consumed. */
  range(): Generator<[key: number, value: number], void, undefined> {
    return range(this.core);
  }

  /** `for k := range m { delete(m, k) }`, which Go compiles to mapclear. */
  clear(): void {
    mapclear(this.core);
  }

  /** `len(m)`. */
  len(): number {
    return len(this.core);
  }

  /** Runs one operation of a checker scenario and gives its result in the checker's terms. */
  run(op: Op): OpResult {
    return runOp(this, op, 'the plain map');
  }

  /** A copy of the whole map, taken without scheduling points (see MapImage). */
  inspect(): MapImage {
    return imageOf(this.mem);
  }

  private checkKey(key: number): number {
    if (!Number.isInteger(key) || key < 0 || key >= this.cfg.hashes.length) {
      throw new RangeError(`key ${key} has no hash: configuration "${this.cfg.name}" hashes keys 0..${this.cfg.hashes.length - 1}`);
    }
    return key;
  }
}

function checkValue(v: number): number {
  if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) throw new RangeError(`value ${v} is not an int32`);
  return v;
}

import type { MapConfig } from '../../spec/config.js';
import type { Op, OpResult } from '../../spec/types.js';
import { SyncCore } from './core.js';
import type { Loaded } from './entry.js';
import { contentsOf, imageOf, type SyncMapImage } from './image.js';
import { load, loadAndDelete } from './load.js';
import { SyncMemory } from './memory.js';
import { FREE, type Hook } from './mutex.js';
import { range, type RangeCallback } from './range.js';
import { loadOrStore, store } from './store.js';

export interface SyncCreateOptions {
  /** int32 words the arena can hand out over the map's life (memory is never reused). */
  arenaWords?: number;
  /** How long a Lock waits for mu before it throws LockTimeoutError; the same for every worker. */
  lockTimeoutMs?: number;
  hook?: Hook;
}

export const DEFAULT_ARENA_WORDS = 1 << 16;
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

/**
 * Go 1.19's sync.Map on one SharedArrayBuffer, for int32 keys and values. Safe for concurrent
 * use from every worker attached to the buffer, in the same way and for the same reasons as
 * Go's: read is published through Atomics, entries change by Atomics CAS and store, and dirty
 * and misses are touched only with mu held.
 *
 * The configuration is the checker's: none of its hash-table numbers apply to sync.Map; it is
 * taken so both maps are made the same way.
 */
export class SharedSyncMap {
  private readonly core: SyncCore;

  private constructor(readonly cfg: MapConfig, private readonly mem: SyncMemory, hook: Hook) {
    this.core = new SyncCore(mem, hook);
  }

  /** `var m sync.Map`: the zero Map, nothing stored, read not yet set. */
  static create(cfg: MapConfig, opts: SyncCreateOptions = {}): SharedSyncMap {
    const arenaWords = opts.arenaWords ?? DEFAULT_ARENA_WORDS;
    const lockTimeoutMs = opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    if (!Number.isSafeInteger(lockTimeoutMs) || lockTimeoutMs < 1 || lockTimeoutMs >= 2 ** 31) {
      throw new RangeError(`lockTimeoutMs must be a positive integer number of milliseconds, not ${lockTimeoutMs}`);
    }
    const buffer = new SharedArrayBuffer(SyncMemory.byteLength(arenaWords));
    return new SharedSyncMap(cfg, new SyncMemory(buffer, { arenaWords, lockTimeoutMs }), opts.hook ?? FREE);
  }

  /** The same map seen from another worker (or with another hook): no copy, the same memory. */
  static attach(cfg: MapConfig, buffer: SharedArrayBuffer, hook: Hook = FREE): SharedSyncMap {
    return new SharedSyncMap(cfg, new SyncMemory(buffer), hook);
  }

  get buffer(): SharedArrayBuffer {
    return this.mem.buffer;
  }

  /** `m.Load(k)`: (value, ok); an absent key gives (0, false). */
  load(key: number): Loaded {
    return load(this.core, checkInt32('key', key));
  }

  /** `m.Store(k, v)`. */
  store(key: number, value: number): void {
    store(this.core, checkInt32('key', key), checkInt32('value', value));
  }

  /** `m.LoadOrStore(k, v)`: the value now held, and whether it was there already. */
  loadOrStore(key: number, value: number): { actual: number; loaded: boolean } {
    return loadOrStore(this.core, checkInt32('key', key), checkInt32('value', value));
  }

  /** `m.LoadAndDelete(k)`: the value taken out, or (0, false). */
  loadAndDelete(key: number): Loaded {
    return loadAndDelete(this.core, checkInt32('key', key));
  }

  /** `m.Delete(k)`: LoadAndDelete with the result dropped, as Go's is. */
  delete(key: number): void {
    loadAndDelete(this.core, checkInt32('key', key));
  }

  /** `m.Range(f)`: f returns false to stop; it may call this map's methods (see RangeCallback). */
  range(f: RangeCallback): void {
    range(this.core, f);
  }

  /**
   * Runs one operation of a checker scenario and gives its result in the checker's terms. A
   * Range's body makes the nested calls spec/types.ts's RangeBody describes, each an operation
   * of its own; the result is the pairs the callback was given. `onNested` sees each nested call
   * as it returns (the conformance harness compares them with the spec's).
   */
  run(op: Op, onNested?: (call: Op, result: OpResult) => void): OpResult {
    switch (op.kind) {
      case 'assign':
        this.store(op.key, op.value);
        return { kind: 'none' };
      case 'access':
        return { kind: 'value', ...this.load(op.key) };
      case 'delete':
        this.delete(op.key);
        return { kind: 'none' };
      case 'loadOrStore': {
        const r = this.loadOrStore(op.key, op.value);
        return { kind: 'value', value: r.actual, ok: r.loaded };
      }
      case 'loadAndDelete':
        return { kind: 'value', ...this.loadAndDelete(op.key) };
      case 'range': {
        const pairs: Array<[number, number]> = [];
        this.range((k, v) => {
          pairs.push([k, v]);
          if (op.body === 'stop') return false;
          if (op.body === 'delete') {
            this.delete(k);
            onNested?.({ kind: 'delete', key: k }, { kind: 'none' });
          }
          if (op.body === 'store') {
            const value = op.value ?? 0;
            this.store(k, value);
            onNested?.({ kind: 'assign', key: k, value }, { kind: 'none' });
          }
          return true;
        });
        return { kind: 'pairs', pairs };
      }
      case 'clear':
      case 'len':
        throw new Error(`sync.Map has no ${op.kind} operation`);
    }
  }

  /** The state in the spec's terms, without steps (see SyncMapImage): only when the map is quiet. */
  inspect(): SyncMapImage {
    return imageOf(this.mem, this.core.mu.held());
  }

  /**
   * What the map holds, key to value in ascending key order (not Range's order, which is the
   * order keys were added), without steps: only when quiet.
   */
  contents(): Map<number, number> {
    return contentsOf(this.inspect());
  }

  /** Arena words handed out so far. */
  allocated(): number {
    return this.mem.allocated();
  }
}

function checkInt32(what: string, v: number): number {
  if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) throw new RangeError(`${what} ${v} is not an int32`);
  return v;
}

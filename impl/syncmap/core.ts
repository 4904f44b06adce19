import { goPanic } from '../hmap/errors.js';
import type { MethodLabels } from './labels.js';
import { MU_WORD, NIL, type ReadOnlyView, type SyncMemory } from './memory.js';
import { type Hook, Mutex } from './mutex.js';
import { tableDelete, tableLookup, tableReserve, tableSet } from './table.js';

/** Go's panic on a write to a nil map (runtime/map.go:580). */
export const NIL_MAP_WRITE = 'assignment to entry in nil map';

/**
 * What every sync.Map function works with: the shared memory, the hook, and mu. The helpers
 * here make no step of their own: m.read.m lookups read an immutable table, and m.dirty is
 * plain memory that only the holder of mu touches.
 */
export class SyncCore {
  readonly mu: Mutex;

  constructor(readonly mem: SyncMemory, readonly hook: Hook) {
    this.mu = new Mutex(mem.i32, MU_WORD, hook, mem.lockTimeoutMs);
  }

  /** [AL] read.Load(), with its step. */
  loadRead(label: string): ReadOnlyView & { ro: number } {
    this.hook(label);
    const ro = this.mem.loadRead();
    return { ro, ...this.mem.readOnly(ro) };
  }

  /** [AS] read.Store(ro), with its step. */
  storeRead(label: string, ro: number): void {
    this.hook(label);
    this.mem.storeRead(ro);
  }

  /**
   * mu.Lock(); body; mu.Unlock(), each a step with the method's labels. An error thrown inside
   * releases mu without a step (Mutex.abandon) and goes on up.
   */
  locked<T>(L: MethodLabels, body: () => T): T {
    this.mu.lock(L.lock);
    let out: T;
    try {
      out = body();
    } catch (e) {
      this.mu.abandon();
      throw e;
    }
    this.mu.unlock(L.unlock);
    return out;
  }

  /** e, ok := read.m[key]: NIL when absent. */
  readLookup(read: ReadOnlyView, key: number): number {
    return tableLookup(this.mem, read.m, key);
  }

  /** e, ok := m.dirty[key]: NIL when absent (a nil dirty holds nothing). */
  dirtyLookup(key: number): number {
    return tableLookup(this.mem, this.mem.dirty(), key);
  }

  /** m.dirty[key] = e: Go's panic on a nil map; a grown table replaces dirty. */
  dirtySet(key: number, e: number): void {
    const t = this.mem.dirty();
    if (t === NIL) throw goPanic(NIL_MAP_WRITE);
    const next = tableSet(this.mem, t, key, e);
    if (next !== t) this.mem.setDirty(next);
  }

  /**
   * Grows a non-nil dirty now if one more key would make it grow, so that the unexpunge paths'
   * `m.dirty[key] = e`, which must follow their CAS, cannot run out of memory after it: an entry
   * unexpunged but left out of dirty would lose the next value stored into it at promotion.
   */
  reserveDirty(): void {
    const t = this.mem.dirty();
    if (t === NIL) return;
    const next = tableReserve(this.mem, t);
    if (next !== t) this.mem.setDirty(next);
  }

  /** delete(m.dirty, key). */
  dirtyDelete(key: number): void {
    tableDelete(this.mem, this.mem.dirty(), key);
  }
}

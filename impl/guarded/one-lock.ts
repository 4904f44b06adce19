/** What the guarded maps share around their locks: a lock's two sides and one map behind one lock. */
import type { Op, OpResult } from '../../spec/types.js';
import type { SharedGoMap } from '../hmap/map.js';
import { type MapApi, runOp } from './base.js';

/** One side of a lock: Lock/Unlock, or RLock/RUnlock. */
export interface Side {
  enter(): void;
  leave(): void;
}

/** Runs f inside the side; leaves even when f throws, so a failed operation does not strand the others. */
export function inside<T>(side: Side, f: () => T): T {
  side.enter();
  try {
    return f();
  } finally {
    side.leave();
  }
}

/**
 * One plain map behind one lock, as spec/guarded plans it: m[k], range and len on the `reader`
 * side, assign, delete and clear on the `writer` side (the same side for a Mutex).
 */
export abstract class OneLockMap implements MapApi {
  constructor(protected readonly m: SharedGoMap, private readonly reader: Side, private readonly writer: Side) {}

  assign(key: number, value: number): void {
    inside(this.writer, () => this.m.assign(key, value));
  }

  access(key: number): { value: number; ok: boolean } {
    return inside(this.reader, () => this.m.access(key));
  }

  delete(key: number): void {
    inside(this.writer, () => this.m.delete(key));
  }

  /** The whole loop holds the reader side: the pairs are one snapshot. Leaving the loop early leaves the lock too. */
  *range(): Generator<[key: number, value: number], void, undefined> {
    this.reader.enter();
    try {
      yield* this.m.range();
    } finally {
      this.reader.leave();
    }
  }

  clear(): void {
    inside(this.writer, () => this.m.clear());
  }

  len(): number {
    return inside(this.reader, () => this.m.len());
  }

  run(op: Op): OpResult {
    return runOp(this, op);
  }
}

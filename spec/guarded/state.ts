import type { MState } from '../hmap/machine.js';
import type { SyncCall } from '../sync/types.js';
import type { Op, OpResult } from '../types.js';

/** One goroutine of a guarded target: the guarded operation it runs and where in its plan it is. */
export interface GuardG {
  /** The operation, or null between operations. */
  readonly op: Op | null;
  /** Index of the operation in this goroutine's program. */
  readonly opIndex: number;
  /** 1 once the operation has taken its first step (its call is then visible). */
  readonly called: number;
  /** Index of the running part in the operation's plan (see plan.ts). */
  readonly part: number;
  /** Where the goroutine stands in a lock method, while the running part is one; else null. */
  readonly sync: SyncCall | null;
  /**
   * What the map parts returned so far, combined (a sharded Range's pairs, shard after shard);
   * null before the first map part returns. The operation returns it on its very last step.
   */
  readonly acc: OpResult | null;
}

/**
 * The goroutine with the fields in `p` changed (null included): a literal of every field rather
 * than a spread that overrides some, which V8 runs several times slower (see withHmap in
 * spec/hmap/state.ts).
 */
export function withGuard(g: GuardG, p: Partial<GuardG>): GuardG {
  return {
    op: p.op !== undefined ? p.op : g.op, opIndex: p.opIndex ?? g.opIndex, called: p.called ?? g.called, part: p.part ?? g.part,
    sync: p.sync !== undefined ? p.sync : g.sync, acc: p.acc !== undefined ? p.acc : g.acc,
  };
}

export const IDLE_G: GuardG = { op: null, opIndex: -1, called: 0, part: 0, sync: null, acc: null };

/**
 * The whole machine: one lock and one plain map per shard. Each map is the hmap machine's state,
 * with its own slot per goroutine: goroutine g's slot in shard i's map is busy exactly while g
 * runs a map part on shard i.
 */
export interface GuardedState<L> {
  readonly locks: readonly L[];
  readonly maps: readonly MState[];
  readonly gs: readonly GuardG[];
}

/** A copy of `xs` with element i replaced. */
export function withAt<T>(xs: readonly T[], i: number, x: T): T[] {
  const out = xs.slice();
  out[i] = x;
  return out;
}

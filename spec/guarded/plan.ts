import type { LockType } from '../sync/types.js';
import { remembered } from '../remember.js';
import type { Op } from '../types.js';

/**
 * A guarded operation is a list of parts run one after another: lock methods on some shard's
 * lock, and unchanged plain-map operations on some shard's map. `mu.Lock(); m[k] = v; mu.Unlock()`
 * is [Lock, assign, Unlock]; a sharded Range is [RLock 0, range 0, RUnlock 0, RLock 1, ...].
 */
export type Part =
  | { readonly kind: 'sync'; readonly shard: number; readonly method: string }
  | { readonly kind: 'map'; readonly shard: number; readonly op: Op };

/** How a target guards its maps: the lock type, the shards, and each operation's parts. */
export interface Scheme<L> {
  readonly lock: LockType<L>;
  /** Number of (lock, map) pairs; 1 for a single map under one lock. */
  readonly shards: number;
  /** Shard i's lock in location names: 'mu', 'rw', 's1:rw'. */
  lockName(shard: number): string;
  /** Put in front of shard i's map locations: '' for a single map, 's1:' for shard 1. */
  mapPrefix(shard: number): string;
  /** The parts `op` runs as; every plan starts with a lock part (so starting makes no access). */
  plan(op: Op): readonly Part[];
}

/** `lock(); op; unlock()` on one shard. */
export function underLock(shard: number, lock: string, unlock: string, op: Op): Part[] {
  return [
    { kind: 'sync', shard, method: lock },
    { kind: 'map', shard, op },
    { kind: 'sync', shard, method: unlock },
  ];
}

/** The plain map's readers: the operations a read lock is enough for. */
export function isReader(op: Op): boolean {
  return op.kind === 'access' || op.kind === 'range' || op.kind === 'len';
}

/** The guarded maps offer the plain map's operations only. */
export function plainOnly(op: Op): void {
  if (op.kind === 'loadOrStore' || op.kind === 'loadAndDelete') {
    throw new Error(`the guarded maps have no ${op.kind} operation (it is sync.Map's)`);
  }
}

/**
 * The same scheme, each operation's plan made once per operation object (plans are immutable):
 * the machine asks for the plan at nearly every step and state key, and a sharded map built it
 * afresh from several arrays each time (a sixth of a search's time at depth 5).
 */
export function rememberingPlans<L>(scheme: Scheme<L>): Scheme<L> {
  const plans = new WeakMap<Op, readonly Part[]>();
  return { ...scheme, plan: (op) => remembered(plans, op, () => scheme.plan(op)) };
}

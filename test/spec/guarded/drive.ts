/** Helpers that drive a guarded target by hand in the tests. */
import type { GuardedState } from '../../../spec/guarded/state.js';
import type { Target } from '../../../spec/target.js';
import type { Op, OpResult } from '../../../spec/types.js';

type T = Target<GuardedState<unknown>>;

/** Starts `op` on idle goroutine g and takes its first step (as the explorer does). */
export function begin(t: T, s: GuardedState<unknown>, g: number, op: Op, opIndex = 0): GuardedState<unknown> {
  return t.step(t.start(s, g, op, opIndex), g).state;
}

/** Steps g while it is busy, enabled and `more` holds; returns the state and the result if it returned. */
export function stepWhile(t: T, s: GuardedState<unknown>, g: number, more: (s: GuardedState<unknown>) => boolean = () => true): { s: GuardedState<unknown>; result?: OpResult } {
  let result: OpResult | undefined;
  for (let n = 0; !t.idle(s, g) && t.enabled(s, g) && more(s); n++) {
    if (n > 100_000) throw new Error('goroutine did not stop');
    const r = t.step(s, g);
    s = r.state;
    if (r.info.returns) result = r.info.returns;
  }
  return result ? { s, result } : { s };
}

/** Whether g is running the map part of its operation (holding its lock) on `shard`. */
export function inMap(s: GuardedState<unknown>, g: number, shard = 0): boolean {
  return s.gs[g]!.op !== null && s.maps[shard]!.gs[g]!.op !== null;
}

/** Steps g until it stands inside the map part on `shard` (its lock taken). */
export function untilInMap(t: T, s: GuardedState<unknown>, g: number, shard = 0): GuardedState<unknown> {
  return stepWhile(t, s, g, (x) => !inMap(x, g, shard)).s;
}

export const WRITERS: ReadonlySet<Op['kind']> = new Set(['assign', 'delete', 'clear']);

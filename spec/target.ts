import type { MapConfig } from './config.js';
import type { ValueNamer } from './canon.js';
import type { Crash, Op, StepInfo } from './types.js';

/**
 * What the checker needs from a target spec (hmap now; sync.Map and the guarded maps later).
 * Everything is pure: a state in, a new state out. The checker owns the search; the target only
 * says what one goroutine's next step does.
 */
export interface Target<S> {
  /** Name on the command line and in traces: 'hmap'. */
  name: string;
  /** Changes whenever the step labels or their order change, so old traces say why they diverge. */
  specVersion: string;
  init(cfg: MapConfig, goroutines: number): S;
  /** True when goroutine g runs no operation (between operations). */
  idle(s: S, g: number): boolean;
  /** Begins `op` on idle goroutine g; makes no access (the first step does). */
  start(s: S, g: number, op: Op, opIndex: number): S;
  /** Whether busy goroutine g can take its next step now (one blocked on a mutex cannot). */
  enabled(s: S, g: number): boolean;
  /** Runs goroutine g's next step. */
  step(s: S, g: number): { state: S; info: StepInfo; crash?: Crash };
  /** The label g's next step will carry, or undefined when g is idle. */
  nextLabel(s: S, g: number): string | undefined;
  /** The first structural invariant broken in a state where every goroutine is idle. */
  broken(s: S): string | undefined;
  /**
   * A canonical text of the state: equal texts mean the same future (heap ids renumbered, values
   * named through `values`, goroutines listed in the order `order` gives).
   */
  encode(s: S, values: ValueNamer, order: readonly number[]): string;
}

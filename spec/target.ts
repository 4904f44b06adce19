import type { MapConfig } from './config.js';
import type { KeyNamer, ValueNamer } from './canon.js';
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
  /**
   * Whom the target promises what. 'race-free' (the plain map): an execution in which no two
   * operations overlapped must end ok; racy ones may crash or corrupt (those are findings).
   * 'always' (the safe targets): every execution must end ok: linearizable, every invariant
   * holding, no deadlock.
   */
  contract: 'race-free' | 'always';
  /**
   * How a Range result is judged. 'snapshot': as one atomic read of the whole map (a plain map,
   * or one under a lock). 'contract': by sync.Map's documented rule for a non-snapshot Range
   * (checker/verify/monitor.ts states it): no key twice, each visited value held at some moment
   * during the Range, and a key present and untouched throughout is visited unless it stopped.
   * In both modes a Range whose callback stops visits at most one pair.
   */
  range: 'snapshot' | 'contract';
  /**
   * false: no history of this target can be nonlinearizable (its operations return nothing a
   * history could contradict, like the SPIN comparison's writes), so the explorer runs no
   * linearizability monitor and its states carry none. Absent: the monitor runs.
   */
  linearizability?: false;
  /** Every operation a goroutine may start over keys 0..keys-1; `value` is the new operation's unique value. */
  alphabet(keys: number, value: number): Op[];
  init(cfg: MapConfig, goroutines: number): S;
  /** True when goroutine g runs no operation (between operations). */
  idle(s: S, g: number): boolean;
  /**
   * Begins `op` on idle goroutine g; makes no access (the first step does). The first step must
   * always be able to run (the explorer starts an operation and takes its first step as one
   * choice): an operation that may have to wait, like Lock, begins with a step that can always
   * run (the fast-path CAS, which may fail) and waits after it.
   */
  start(s: S, g: number, op: Op, opIndex: number): S;
  /**
   * Whether idle goroutine g may start another operation (budget allowing). Absent: always, so
   * every goroutine may run any program. A target that gives each goroutine a fixed program
   * (the SPIN comparison's N goroutines × K writes) says no once g's program is done.
   */
  mayStart?(s: S, g: number): boolean;
  /** Whether busy goroutine g can take its next step now (one blocked on a mutex cannot). */
  enabled(s: S, g: number): boolean;
  /**
   * Runs goroutine g's next step. With `detail` false the step may leave its texts for people
   * (StepInfo's op, goLine and detail) empty: the search reads none of them, and formatting a
   * value for every access it makes was several per cent of the plain map's search.
   */
  step(s: S, g: number, detail?: boolean): { state: S; info: StepInfo; crash?: Crash };
  /** The label g's next step will carry, or undefined when g is idle. */
  nextLabel(s: S, g: number): string | undefined;
  /** The first structural invariant broken in a state where every goroutine is idle. */
  broken(s: S): string | undefined;
  /**
   * A canonical text of the state: equal texts mean the same future (heap ids renumbered, values
   * named through `values`, goroutines listed in the order `order` gives). Where keySymmetric
   * holds, the target is given `keys` and names every key it writes through it (and whatever
   * stands for a key, as a tophash does); otherwise it writes keys as they are.
   */
  encode(s: S, values: ValueNamer, order: readonly number[], keys?: KeyNamer): string;
  /**
   * Whether keys 0..keys-1 are interchangeable: renaming them maps executions to executions
   * (spec/canon.ts, KeyNamer). sync.Map only copies keys and compares them (its maps keep keys in
   * the order they were added): always. The plain map also hashes them, so only where the
   * configuration gives them hashes that the map cannot tell apart but by their tophashes
   * (spec/hmap/keys.ts, keysInterchangeable), and the sharded map never (its keys pick shards). Absent: never.
   */
  keySymmetric?(keys: number): boolean;
  /**
   * The state with every goroutine stopped (idle, its stack and registers gone), the memory as it
   * is. A crash ends the program, so what the goroutines held is dead there: the explorer keys a
   * crashed state through this, and crashed states that differ only in dead goroutine state are
   * one end state. Absent: crashed states are keyed whole.
   */
  halt?(s: S): S;
  /**
   * Present on targets the partial-order reduction may explore: no goroutine ever waits (every
   * busy goroutine can always step), and this maps a location name of StepInfo onto a name that
   * does not depend on which heap id an allocation got ('b3.tophash[0]' -> 'b.tophash[0]'), so
   * accesses remembered from one execution can be compared with another's.
   */
  locationClass?(loc: string): string;
  /**
   * For a busy goroutine that cannot step now (it waits for a lock or a semaphore): the
   * locations the step it waits to take will read and write, named as StepInfo names them.
   * Required for the partial-order reduction on targets whose goroutines can block.
   */
  pendingAccess?(s: S, g: number): { reads: string[]; writes: string[] };
  /**
   * Whether busy goroutine g's next step, which made the accesses in `info`, is private: no
   * other goroutine can touch what it reads or writes, now or before g takes a step that is not
   * private (the memory is behind a lock g holds, in a mode that keeps every other accessor
   * out). The explorer may then take that step alone (checker/explore/node.ts, `expand`).
   * Absent: no step is private.
   */
  privateStep?(s: S, g: number, info: StepInfo): boolean;
  /**
   * The parts of the state, values and heap ids as they are, that hold everything goroutine g's
   * steps read and write and what decides which of its steps are private (its own state, the
   * memory, the locks): g itself and the objects themselves, which are never changed once made.
   * `shared` are the parts many states share (the memory, the locks), which the explorer turns
   * into text once per object however many states share it; `own` are the parts new at nearly
   * every run's start (g's state, which its last step made), turned into text each time:
   * remembering those cost a table entry per run for nothing. Two
   * states whose parts have the same texts take g through the same run of steps to the same
   * memory and the same state of g, while nothing else can move (checker/explore/node.ts,
   * `soloRun`: on a target with privateStep, a run of g's private steps; on one without, a run
   * of g's steps with the others idle or held back by the context bound, so such a target's
   * goroutines must never wait). The explorer walks such a run once and then reuses its end
   * (`spliceRun`). Not for targets whose operations call others from inside (Range callbacks):
   * a run must end where g's operation calls or returns. Absent: every run is walked.
   */
  runKey?(s: S, g: number): { shared: readonly object[]; own: readonly unknown[] };
  /**
   * The end of g's run (see runKey) from `s`, given `end`, the end of the same run walked from a
   * state with the same runKey: `s` with g's state and the memory taken from `end`.
   */
  spliceRun?(s: S, g: number, end: S): S;
}

/**
 * The contract every target spec (hmap now; sync.Map and the guarded maps later) offers the
 * checker. A spec is pure: nothing here mutates its input or does I/O.
 */

/** How Go performs a shared-memory access: a plain load/store, or a sync/atomic operation. */
export type Access = 'plain' | 'atomic';

/**
 * What a sync.Map Range's callback does with each pair it is given (the plain map's range loop
 * has an empty body): 'stop' returns false at the first pair; 'delete' calls m.Delete(k) and
 * 'store' calls m.Store(k, value) for each visited k, then go on (Go's TestMapRangeNestedCall).
 * Each nested call is an operation of its own in the history, inside the Range's interval.
 */
export type RangeBody = 'stop' | 'delete' | 'store';

/**
 * One map operation a goroutine can run; values are unique per operation so lost writes show.
 * The same kinds serve sync.Map: assign is Store, access is Load, delete is Delete, range is Range.
 */
export type Op =
  | { kind: 'assign'; key: number; value: number } // m[k] = v                 / m.Store(k, v)
  | { kind: 'access'; key: number } //                 v, ok := m[k]            / m.Load(k)
  | { kind: 'delete'; key: number } //                 delete(m, k)             / m.Delete(k)
  | { kind: 'range'; body?: RangeBody; value?: number } // for k, v := range m {} / m.Range(f)
  | { kind: 'clear' } //                               for k := range m { delete(m, k) } (mapclear)
  | { kind: 'len' } //                                 len(m)
  | { kind: 'loadOrStore'; key: number; value: number } // m.LoadOrStore(k, v): (actual, loaded)
  | { kind: 'loadAndDelete'; key: number }; //         m.LoadAndDelete(k): (value, loaded)

/** What an operation returned, compared against the sequential model. */
export type OpResult =
  | { kind: 'none' } // assign, delete, clear
  | { kind: 'value'; value: number; ok: boolean } // access, loadOrStore, loadAndDelete (value 0 with ok=false when absent)
  | { kind: 'len'; n: number }
  | { kind: 'pairs'; pairs: Array<[key: number, value: number]> }; // range, in yield order

/** A scenario: one program (list of operations) per goroutine. */
export type Scenario = Op[][];

/** How an execution that stopped early ended: Go's fatal() and throw() texts, verbatim. */
export type Crash =
  | { kind: 'fatal'; message: string } // e.g. 'concurrent map writes'
  | { kind: 'throw'; message: string } // e.g. 'bad map state'
  // A runtime panic, e.g. a nil bucket pointer dereferenced inside the map code: on a user
  // goroutine Go turns the SIGSEGV into a panic (runtime/panic.go:1293-1317, canpanic).
  | { kind: 'panic'; message: string }
  // Not Go's: the model cannot say what an access outside every allocation would read.
  | { kind: 'wild'; message: string };

/**
 * The description of one atomic step, as the spec knows it before and after running it.
 * `label` is the same string in the spec, in traces, in diagrams and (later) in the real
 * implementation's scheduling points.
 */
export interface StepInfo {
  /** Goroutine that runs the step (0-based). */
  goroutine: number;
  /** Index of the operation within that goroutine's program. */
  opIndex: number;
  /** Short text of the operation, e.g. 'm[k0] = v3'. */
  op: string;
  /** Stable step label: '<go function>: <source statement> (<load|store|...>)'. */
  label: string;
  /** Go 1.19 source location, e.g. 'map.go:601'. */
  goLine: string;
  /** Shared locations read, e.g. ['flags'] or ['b1.tophash[0]']. */
  reads: string[];
  /** Shared locations written. */
  writes: string[];
  access: Access;
  /** What happened, for humans: e.g. 'flags = 0', 'flags 0→4', 'count 1→2'. */
  detail: string;
  /** Set when this step is the operation's first (call) or last (return). */
  call?: boolean;
  returns?: OpResult;
  /** Set when this step begins or ends an operation called from inside a Range callback. */
  nestedCall?: Op;
  nestedReturns?: OpResult;
  /** Set when this step crashed the program. */
  crash?: Crash;
}

/** The outcome class of one finished execution; exact names are part of the public output. */
export type OutcomeClass = string;

export const OUTCOME_OK = 'ok';
export function fatalClass(message: string): OutcomeClass {
  return `fatal: ${message}`;
}
export function throwClass(message: string): OutcomeClass {
  return `throw: ${message}`;
}
export function corruptClass(invariant: string): OutcomeClass {
  return `corrupt: ${invariant}`;
}
export function panicClass(message: string): OutcomeClass {
  return `panic: ${message}`;
}
export function crashClass(crash: Crash): OutcomeClass {
  switch (crash.kind) {
    case 'fatal': return fatalClass(crash.message);
    case 'throw': return throwClass(crash.message);
    case 'panic': return panicClass(crash.message);
    case 'wild': return corruptClass(crash.message);
  }
}
export const OUTCOME_NONLINEARIZABLE = 'nonlinearizable';
/** Go's own text when every goroutine is blocked (runtime/proc.go checkdead). */
export const DEADLOCK_MESSAGE = 'all goroutines are asleep - deadlock!';

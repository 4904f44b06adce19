/**
 * A state of the search (the spec's machine state, the linearizability monitor's, and what the
 * checker tracks beside them) and the moves between states: which goroutine may step, what a
 * step leads to, runs of single choices walked through, the state's key, and its outcome.
 */
import { KeyNamer, ValueNamer } from '../../spec/canon.js';
import { remembered } from '../../spec/remember.js';
import type { Target } from '../../spec/target.js';
import { type Crash, DEADLOCK_MESSAGE, type Op, OUTCOME_OK, type OutcomeClass, type StepInfo } from '../../spec/types.js';
import type { MonitorState } from '../verify/monitor.js';
import { memoCall, memoEncode, memoInit, memoReturn } from '../verify/monitor-memo.js';
import { classify } from '../verify/outcome.js';
import { type BoundTier, preemptionCap, withinBound } from './bound.js';
import { dataFingerprint } from './data-hash.js';
import { opIn, resultIn, type Started } from './names.js';

/** The bounds of one exploration. */
export interface Bounds {
  depth: number;
  goroutines: number;
  keys: number;
  /**
   * Context bound (as CHESS and Loom have it): at most this many preemptions, i.e. switches away
   * from a goroutine in the middle of an operation that could have gone on. Undefined: no bound,
   * the exploration is exhaustive. A bounded run is always reported as bounded.
   */
  preemptions?: number;
  /** With a context bound: grades for shorter executions (see bound.ts). */
  tiers?: readonly BoundTier[];
}

/**
 * The state-space reductions of the explorer, each of which can be switched off so tests can
 * compare it with the search without it (docs/performance.md argues why each keeps every outcome).
 */
export interface Reductions {
  /** Goroutines are interchangeable: states equal up to renaming goroutines share a key. */
  symmetry: boolean;
  /** Data independence: states equal up to renaming values share a key (spec/canon.ts). */
  valueNaming: boolean;
  /**
   * Key symmetry, on targets that say they have it (Target.keySymmetric): states equal up to
   * renaming keys share a key (spec/canon.ts, KeyNamer). Off, or on other targets: keys as they are.
   */
  keySymmetry: boolean;
  /** Heap ids renumbered by reachability and garbage dropped (the target's encode). Off: the raw state. */
  canonicalHeap: boolean;
  /** A state met again with no more operations left to start is not explored again. */
  subsumption: boolean;
  /**
   * Dynamic partial-order reduction with the state cache (checker/explore/dpor.ts), for targets
   * that name their locations without heap ids (Target.locationClass). Off or absent: every
   * successor of every state is explored.
   */
  dpor?: boolean;
  /**
   * A state with exactly one scheduler choice (one goroutine can step, no idle one can start an
   * operation) is passed through without a key unless the run of such states starts with it
   * (see `settle`). Off: every state is keyed and stored.
   */
  chains: boolean;
  /**
   * Where a busy goroutine's next step is private (Target.privateStep), that step is the state's
   * only successor (see `expand`). Off: every goroutine may step everywhere.
   */
  privateSteps: boolean;
  /**
   * The linearizability monitor keeps only the roots of its explanations (checker/verify/monitor.ts,
   * `roots`), so histories that differ only in what no future event can tell apart share a key.
   * Off: it keeps every explanation that survived.
   */
  monitorRoots: boolean;
  /**
   * A crashed state is keyed by its memory and its crash alone (Target.halt; see `crashKey`):
   * crashed states that differ only in what the stopped goroutines or the monitor held are one
   * end state. Off: crashed states are keyed whole.
   */
  deadAtCrash: boolean;
  /**
   * A target state's moves (its steps and starts, the states they lead to, their events) and its
   * texts are worked out once per class of target states with one future, and every state whose
   * target part falls in that class reuses them through a renaming into the execution's names
   * (checker/explore/classes.ts). The states stored, their keys and the monitor's events are the
   * same as without. Applies where classes.ts's usesClasses says (sync.Map's exhaustive
   * searches, not the targets whose runs soloRun reuses). Off: every state's moves are worked
   * out afresh.
   */
  classes: boolean;
}

export const ALL_REDUCTIONS: Readonly<Reductions> = {
  symmetry: true, valueNaming: true, keySymmetry: true, canonicalHeap: true, subsumption: true, chains: true, privateSteps: true, monitorRoots: true, deadAtCrash: true, classes: true,
};

/** How a node was reached: which goroutine stepped, and the operation it started, if any. */
export interface Edge {
  g: number;
  op: Op | null;
}

/**
 * A point of the search: the target's state plus what the verifiers carry along the execution.
 * Everything here is part of the state key except `ops`: a state first met with fewer operations
 * started can do everything a later visit could, so later visits are subsumed.
 */
export interface Node<S> {
  s: S;
  mon: MonitorState;
  /** Two operations were in progress at once at some point (the execution is racy). */
  overlap: boolean;
  /** The first structural invariant seen broken at a quiescent point. */
  broken: string | undefined;
  crash: Crash | undefined;
  ops: number;
  /** The goroutine that took the last step (-1 before the first); only tracked under a context bound. */
  last: number;
  /** Preemptions taken so far (see Bounds.preemptions), counted no higher than the bound tells apart (bound.ts, preemptionCap). */
  preempted: number;
  /**
   * Set by the search over classes (classes.ts): `s` is its class's state, named as the class
   * names things, and this says which goroutine slot, value and key of the monitor's (which keeps
   * the execution's own) each of the class's is. Absent: `s` and the monitor name things alike.
   */
  names?: Names;
}

/** How a class's state names what an execution's monitor names otherwise (see Node.names). */
export interface Names {
  /** The class's goroutine slot i (nestedSlot included) is the monitor's slots[i]. */
  readonly slots: readonly number[];
  /** The class's value v is the monitor's values.get(v). */
  readonly values: ReadonlyMap<number, number>;
  /** The class's key k is the monitor's keys[k]; absent: keys are not renamed. */
  readonly keys: readonly number[] | undefined;
}

export function initialNode<S>(target: Target<S>, cfg: Parameters<Target<S>['init']>[0], b: Bounds, r: Reductions = ALL_REDUCTIONS): Node<S> {
  return {
    // One monitor slot per goroutine, and one more each for calls made inside a Range callback.
    s: target.init(cfg, b.goroutines), mon: memoInit(2 * b.goroutines, b.keys, target.range, r.monitorRoots), overlap: false,
    broken: undefined, crash: undefined, ops: 0, last: -1, preempted: 0,
  };
}

function busyCount<S>(target: Target<S>, s: S, goroutines: number, except: number): number {
  let n = 0;
  for (let g = 0; g < goroutines; g++) if (g !== except && !target.idle(s, g)) n++;
  return n;
}

/** An execution may end here: it crashed, or every goroutine is between operations. */
export function isEnd<S>(target: Target<S>, b: Bounds, n: Node<S>): boolean {
  return n.crash !== undefined || (n.ops > 0 && busyCount(target, n.s, b.goroutines, -1) === 0);
}

export function outcomeOf<S>(n: Node<S>): OutcomeClass {
  return classify({ crash: n.crash, broken: n.broken, linearizable: !n.mon.failed });
}

/** One scheduler choice and the state it leads to. */
export interface Successor<S> {
  readonly edge: Edge;
  readonly node: Node<S>;
}

/** Every step the scheduler may take next: a busy goroutine's step, or an idle one starting any operation. */
export function successors<S>(target: Target<S>, b: Bounds, n: Node<S>): Array<Successor<S>> {
  return successorEdges(target, b, n).map((edge) => successorOf(target, b, n, edge));
}

/** The scheduler choices `successors` takes, without their states. */
export function successorEdges<S>(target: Target<S>, b: Bounds, n: Node<S>): Edge[] {
  const out: Edge[] = [];
  if (n.crash) return out;
  for (let g = 0; g < b.goroutines; g++) {
    if (isBounded(b) && !withinBound(b, n.ops + (target.idle(n.s, g) ? 1 : 0), n.preempted + (preempts(target, b, n, g) ? 1 : 0))) continue;
    for (const edge of goroutineEdges(target, b, n, g) ?? []) out.push(edge);
  }
  return out;
}

/**
 * The successor along `edge`. One that starts an operation computes its state when first read:
 * the layered search (checker/explore/layers.ts) holds such successors until every state with
 * fewer operations started is done, and a parent with a dozen of them waiting is cheaper to keep
 * than a dozen states. A step's state is computed now: whether it is private, and the run it
 * starts, decide what the search does next.
 */
function successorOf<S>(target: Target<S>, b: Bounds, n: Node<S>, edge: Edge): Successor<S> {
  if (!edge.op) return { edge, node: applyEdge(target, b, n, edge, false).node };
  return new LaterSuccessor(target, b, n, edge);
}

/**
 * A start's successor, its state computed when first read. A class rather than an object with
 * a getter: a dozen are made at every state with an idle goroutine, and an object literal's
 * getter is a new closure and accessor pair each time.
 */
class LaterSuccessor<S> implements Successor<S> {
  private computed: Node<S> | undefined;

  constructor(private readonly target: Target<S>, private readonly b: Bounds, private readonly from: Node<S>, readonly edge: Edge) {}

  get node(): Node<S> {
    return (this.computed ??= applyEdge(this.target, this.b, this.from, this.edge, false).node);
  }
}

/**
 * The successors the search explores: all of them, or only a private step when one is there.
 *
 * Why taking a private step alone keeps every end state (an ample set of one step, as in
 * Peled's and Godefroid's partial-order reduction): let g's next step a be private at n. Every
 * execution from n to an end state has g idle at its end, so it contains a. No step before a in
 * it touches what a touches (that is what private means), and a neither calls, returns nor
 * crashes, nor makes g idle (a private step is inside a critical section, which ends with an
 * unlock), so the monitor, the overlap flag and the quiescent invariant check see the same
 * events in the same order when a moves to the front: the same end state is reached from n's
 * successor by a. A run of private steps cannot come back to a state it left (each advances g's
 * operation, nothing else changes), so no goroutine is postponed around a cycle.
 *
 * The choice must not depend on how goroutines are numbered, or the states stored would depend
 * on which of two symmetric states the search met first: when two goroutines have private steps
 * (a sharded map, each in its own shard), the one whose step label sorts first goes, and on a
 * tie every successor is explored. A context bound counts switches, which moving steps changes,
 * so bounded runs explore every successor.
 */
export function expand<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions): Array<Successor<S>> {
  return expandPrivate(target, b, n, r).next;
}

/** A state's successors as `expand` gives them, and the goroutine of its only private step (see expandPrivate). */
interface Expansion<S> {
  next: Array<Successor<S>>;
  sole: number;
}

/**
 * `expand`, and which goroutine's private step it took when that was the only private step
 * there (-1 otherwise): settle may then reuse that goroutine's whole run (see `soloRun`).
 */
function expandPrivate<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions): Expansion<S> {
  if (!r.privateSteps || !target.privateStep || b.preemptions !== undefined || n.crash) return { next: successors(target, b, n), sole: -1 };
  // Each busy goroutine's step, taken once: it is either the one private step or one of all successors.
  const steps: Array<Successor<S> | undefined> = [];
  const alone = new AloneChoice<Successor<S>>();
  for (let g = 0; g < b.goroutines; g++) {
    if (target.idle(n.s, g) || !target.enabled(n.s, g)) continue;
    const edge: Edge = { g, op: null };
    const { node, info } = applyEdge(target, b, n, edge, false);
    const step = (steps[g] = { edge, node });
    if (takenAlone(target, n.s, g, info)) alone.offer(step, info.label);
  }
  const chosen = alone.chosen;
  if (chosen) return { next: [chosen], sole: alone.offered === 1 ? chosen.edge.g : -1 };
  // Every successor, in `successors`' order, reusing the steps already taken.
  const out: Array<Successor<S>> = [];
  for (let g = 0; g < b.goroutines; g++) {
    const step = steps[g];
    if (step) out.push(step);
    else for (const edge of goroutineEdges(target, b, n, g) ?? []) out.push(successorOf(target, b, n, edge));
  }
  return { next: out, sole: -1 };
}

/**
 * Which of a state's private steps is taken alone: the one whose label sorts first, none on a
 * tie (expandPrivate says why). Shared with the classes' moves (classes.ts), which choose alike.
 */
export class AloneChoice<T> {
  /** Private steps offered. */
  offered = 0;
  private best: T | undefined;
  private label = '';
  private tie = false;

  offer(step: T, label: string): void {
    this.offered++;
    if (this.best === undefined || label < this.label) {
      this.best = step;
      this.label = label;
      this.tie = false;
    } else if (label === this.label) this.tie = true;
  }

  /** The step taken alone, or undefined: none offered, or a tie. */
  get chosen(): T | undefined {
    return this.tie ? undefined : this.best;
  }
}

/** Longest run of single-choice states the search follows before it calls the spec a livelock. */
export const CHAIN_LIMIT = 1_000_000;

/** What a search says when goroutine g ran CHAIN_LIMIT steps alone: the spec, not the search, is wrong. */
export function livelock(g: number): Error {
  return new Error(`the spec livelocks: goroutine ${g} took ${CHAIN_LIMIT} steps with nothing else able to run`);
}

/**
 * Follows n through states that have exactly one scheduler choice, a busy goroutine's step (the
 * others blocked, or idle with no operation left to start), and returns the first state that has
 * none or several, with its successors (`next`: n's own, when already computed). A state on such
 * a run has its one successor's future, so it needs no key of its own: the search stores the
 * run's first state (so meeting it again costs one key, not the whole run) and its last (where
 * runs from elsewhere join), and skips the encoding in between, which is most of the cost where
 * one goroutine runs alone: a critical section with the other goroutine waiting for the lock, or
 * the last operation with no budget left for the other. The states stored this way are fixed by
 * the state graph, not by the order the search meets them in. An end state is never passed
 * through (it crashed, or every goroutine is idle and any successor starts an operation).
 */
export function settle<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions = ALL_REDUCTIONS, next = expand(target, b, n, r), trail?: Trail): { node: Node<S>; next: Array<Successor<S>> } {
  let sole = -1;
  for (let passed = 0; isChain(next); passed++) {
    if (passed === CHAIN_LIMIT) throw livelock(next[0]!.edge.g);
    const g = next[0]!.edge.g;
    // A target with private steps may reuse only runs of them (see `soloRun`); one without, any run.
    const reusable = target.runKey && target.spliceRun && (target.privateStep ? sole === g : true);
    const run = reusable ? soloRun(target, b, n, r, g, next[0]!.node) : { node: next[0]!.node, steps: 1 };
    trail?.push({ g, steps: run.steps });
    n = run.node;
    ({ next, sole } = run.expanded ?? expandPrivate(target, b, n, r));
  }
  return { node: n, next };
}

/** The steps `settle` passed, in order: goroutine g took `steps` steps in a row, none of them a start. */
export type Trail = Array<{ g: number; steps: number }>;

/**
 * The ends of runs walked so far, per target, by runKeyText of Target.runKey (see `soloRun`):
 * the parts themselves are kilobytes of JSON, the text is their fingerprints.
 */
const RUN_ENDS = new WeakMap<object, Map<string, { end: unknown; steps: number }>>();

/** More ends than this and the memo starts afresh: each holds the memory a run left behind. */
const RUN_ENDS_LIMIT = 50_000;

/**
 * From n, whose only successor (`first`) is goroutine g's step, the state where g's run of such
 * steps ends: before g's first step that calls, returns or crashes, or where g's step is no
 * longer n's only successor. Walked once per Target.runKey and then spliced in, because nothing
 * else decides the run. No other goroutine moves during it: it is idle with no operation left
 * to start, or switching to it would exceed the context bound, and neither changes while g runs
 * on without returning; on a target with private steps the run is of g's private steps while no
 * other goroutine has one, and another goroutine's step becomes private only through the locks,
 * which private steps do not touch. So g's steps depend only on what runKey covers (g's state
 * and the memory), and they leave the monitor, the operation count, the preemptions and the
 * invariant check alone (they neither call, return nor crash, and g stays busy, so no state of
 * the run is quiescent). What else changes is the overlap flag, set if another goroutine is busy,
 * which it is throughout or not at all, and under a context bound the last goroutine to run.
 */
function soloRun<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions, g: number, first: Node<S>): { node: Node<S>; steps: number; expanded?: Expansion<S> } {
  if (!onlyStateChanged(target, g, n, first)) return { node: first, steps: 1 };
  let ends = RUN_ENDS.get(target);
  if (!ends || ends.size > RUN_ENDS_LIMIT) RUN_ENDS.set(target, (ends = new Map()));
  const key = runKeyText(target.runKey!(n.s, g));
  const known = ends.get(key);
  if (known) {
    const overlap = n.overlap || busyCount(target, n.s, b.goroutines, g) > 0;
    // A literal, not an overriding spread of n (several times slower in V8; spec/hmap/state.ts, withHmap).
    const node: Node<S> = { s: target.spliceRun!(n.s, g, known.end as S), mon: n.mon, overlap, broken: n.broken, crash: n.crash, ops: n.ops, last: first.last, preempted: n.preempted };
    return { node, steps: known.steps };
  }
  let m = first;
  let steps = 1;
  // The run's end has been expanded to see that the run ends there; settle goes on from that.
  for (;;) {
    const expanded = expandPrivate(target, b, m, r);
    const { next, sole } = expanded;
    if (!isChain(next) || next[0]!.edge.g !== g || (target.privateStep && sole !== g) || !onlyStateChanged(target, g, m, next[0]!.node)) {
      ends.set(key, { end: m.s, steps });
      return { node: m, steps, expanded };
    }
    m = next[0]!.node;
    if (++steps > CHAIN_LIMIT) throw livelock(g);
  }
}

/**
 * Target.runKey's parts as one short text: each part's dataFingerprint, the shared objects' once
 * per object. The parts are the memory and a goroutine's state, hundreds of characters of JSON
 * each, and many run starts share the memory with earlier states (most steps change no map: the plain map's memory
 * at depth 4 was one of 3,587 objects over 12,883 run starts); turning it into text at every
 * run's start was a fifth of rwmutex-map's search. Equal data, equal text; objects are never
 * changed once made (the spec is pure), so a remembered text stays true. The goroutine's state
 * is new at almost every run's start (at depth 4 every one of rwmutex-map's 11,916), so it is not
 * remembered. The parts are walked, not written as JSON and hashed: over sharded-map's 82,658 run
 * starts at depth 5 that took 5-7 µs a start instead of 8-12 µs.
 */
const PART_TEXTS = new WeakMap<object, string>();

function runKeyText(parts: { shared: readonly object[]; own: readonly unknown[] }): string {
  let text = dataFingerprint(parts.own);
  for (const p of parts.shared) text += remembered(PART_TEXTS, p, () => dataFingerprint(p));
  return text;
}

/**
 * Whether g's step from `a` to `b` stays inside a run: g did not return (so, there being no
 * operation left to start in a run, it neither called: a monitor that has already failed no
 * longer changes at either, so the monitor alone does not tell), and the step changed nothing
 * but the target's state, the overlap flag and the last goroutine.
 */
function onlyStateChanged<S>(target: Target<S>, g: number, a: Node<S>, b: Node<S>): boolean {
  return !target.idle(b.s, g) && b.mon === a.mon && b.crash === undefined && b.broken === a.broken && b.ops === a.ops && b.preempted === a.preempted;
}

/**
 * The search's work at a state taken off its stack, shared by the single and the parallel
 * search: store it if it is an entry (the root, or a successor of a state with a choice), pass
 * through a run of single choices (with `r.chains`, see `settle`), and store the state where
 * the run ends. `visit` stores a state and says whether it is new enough to explore from.
 * Returns the state reached and its successors, or undefined when there is nothing new to
 * explore from it.
 */
export function advance<S>(target: Target<S>, b: Bounds, n: Node<S>, entry: boolean, r: Reductions, visit: (n: Node<S>) => boolean): { node: Node<S>; next: Array<Successor<S>> } | undefined {
  if (entry && !visit(n)) return undefined;
  const next = expand(target, b, n, r);
  if (!r.chains || !isChain(next)) return entry || visit(n) ? { node: n, next } : undefined;
  const end = settle(target, b, n, r, next);
  return visit(end.node) ? end : undefined;
}

/** Whether these successors are a single busy goroutine's step: a state `settle` passes through. */
export function isChain<S>(next: Array<Successor<S>>): boolean {
  return next.length === 1 && next[0]!.edge.op === null;
}

/** Whether idle goroutine g may start an operation at n: budget is left and the target allows it. */
function mayStart<S>(target: Target<S>, b: Bounds, n: Node<S>, g: number): boolean {
  return n.ops < b.depth && (target.mayStart?.(n.s, g) ?? true);
}

/**
 * Goroutine g's scheduler choices at n: starting any operation when it is idle and budget is
 * left, its next step when it is busy and can take it; undefined when it is blocked (it waits).
 */
export function goroutineEdges<S>(target: Target<S>, b: Bounds, n: Node<S>, g: number): readonly Edge[] | undefined {
  if (target.idle(n.s, g)) return mayStart(target, b, n, g) ? startEdges(target, b.keys, n.ops + 1, g) : [];
  return target.enabled(n.s, g) ? [{ g, op: null }] : undefined;
}

/**
 * Goroutine g's edges starting each operation of the alphabet with value `value`, made once per
 * target and kept: an idle goroutine's starts were a dozen fresh operations and edges at every
 * state that has one, and most of them wait in a higher layer (layers.ts) for long. Operations
 * and edges are never changed once made, so sharing them changes nothing else.
 */
const START_EDGES = new WeakMap<object, Map<string, readonly Edge[]>>();

export function startEdges<S>(target: Target<S>, keys: number, value: number, g: number): readonly Edge[] {
  const byArgs = remembered(START_EDGES, target, () => new Map<string, readonly Edge[]>());
  const at = `${keys}:${value}:${g}`;
  let edges = byArgs.get(at);
  if (!edges) byArgs.set(at, (edges = target.alphabet(keys, value).map((op) => ({ g, op }))));
  return edges;
}

/**
 * Takes one scheduler choice: goroutine g starts `edge.op` (when idle) and runs its next step.
 * The explorer, the witness search and the replayer all go through here, so a replayed trace
 * is judged exactly as the search judged it.
 */
export function applyEdge<S>(target: Target<S>, b: Bounds, n: Node<S>, edge: Edge, detail = true): { node: Node<S>; info: StepInfo } {
  const { g, op } = edge;
  const r = targetStep(target, b, n.s, edge, n.ops, detail, n.broken === undefined);
  const overlap = n.overlap || r.overlaps;
  const mon = target.linearizability === false ? n.mon : monitorAfter(n.mon, r.info, op, g, nestedSlot(b, g), undefined, undefined);
  const ops = n.ops + (op ? 1 : 0);
  const { crash } = r;
  const broken = n.broken ?? r.broken;
  const bounded = isBounded(b);
  // Counted no higher than the bound tells apart (bound.ts, preemptionCap).
  const preempted = bounded ? Math.min(n.preempted + (preempts(target, b, n, g) ? 1 : 0), preemptionCap(b)) : 0;
  const last = bounded ? g : -1;
  return { node: { s: r.state, mon, overlap, broken, crash, ops, last, preempted }, info: r.info };
}

/**
 * The monitor after one step's events, in the order they happen: the call, a Range callback's
 * call and return (operations of their own, on the goroutine's nested slot), the return. `slot`
 * and `nested` are the monitor's slots; with `names` (and `started`), the operation and results
 * are the class's and are put in the execution's names first (classes.ts). Shared by applyEdge
 * and the classes' moves, so both feed the monitor alike.
 */
export function monitorAfter(mon: MonitorState, info: Pick<StepInfo, 'call' | 'returns' | 'nestedCall' | 'nestedReturns'>, op: Op | null, slot: number, nested: number, names: Names | undefined, started: Started | undefined): MonitorState {
  // Nothing to rename outside classes: opIn and resultIn would only copy.
  const same = names === undefined && started === undefined;
  if (info.call) mon = memoCall(mon, slot, same ? op! : opIn(op!, names, started));
  if (info.nestedCall) mon = memoCall(mon, nested, same ? info.nestedCall : opIn(info.nestedCall, names, started));
  if (info.nestedReturns) mon = memoReturn(mon, nested, same ? info.nestedReturns : resultIn(info.nestedReturns, names, started));
  if (info.returns) mon = memoReturn(mon, slot, same ? info.returns : resultIn(info.returns, names, started));
  return mon;
}

/**
 * The target's part of a scheduler choice, shared by applyEdge and the classes' moves
 * (classes.ts): goroutine g starts `edge.op` (when idle, as operation number `opIndex`) and runs
 * its next step. Besides the step's state and event: whether another goroutine was in an
 * operation as g moved, the crash (the step's own, or a deadlock it leaves), and, where the step
 * leaves every goroutine idle and `checkBroken` asks for it, the first invariant broken there.
 */
export function targetStep<S>(target: Target<S>, b: Bounds, s: S, edge: Edge, opIndex: number, detail: boolean, checkBroken: boolean): { state: S; info: StepInfo; overlaps: boolean; crash: Crash | undefined; broken: string | undefined } {
  const { g, op } = edge;
  const from = op ? target.start(s, g, op, opIndex) : s;
  const r = target.step(from, g, detail);
  if (r.info.call && !op) throw new Error(`the spec is inconsistent: goroutine ${g} made its first step without starting an operation`);
  const crash = r.crash ?? (stuck(target, b, r.state) ? DEADLOCK : undefined);
  const quiescent = !crash && busyCount(target, r.state, b.goroutines, -1) === 0;
  const broken = checkBroken && quiescent ? target.broken(r.state) : undefined;
  return { state: r.state, info: r.info, overlaps: busyCount(target, s, b.goroutines, g) > 0, crash, broken };
}

/**
 * Whether busy goroutine g's step from s, which made `info`, may be taken alone (node.ts's
 * expandPrivate says why): the target calls it private, and it neither calls, returns nor crashes.
 */
export function takenAlone<S>(target: Target<S>, s: S, g: number, info: StepInfo): boolean {
  return target.privateStep !== undefined && !info.call && !info.returns && !info.nestedCall && !info.nestedReturns && !info.crash && target.privateStep(s, g, info);
}

/** Go's verdict when goroutines wait for each other forever. */
const DEADLOCK: Crash = { kind: 'fatal', message: DEADLOCK_MESSAGE };

/**
 * Some goroutine is in an operation and none of those can move: each waits for a lock that a
 * waiting (or finished) goroutine holds, so none will ever move again. New operations cannot
 * help: they only take locks and give back their own.
 */
function stuck<S>(target: Target<S>, b: Bounds, s: S): boolean {
  let busy = false;
  for (let g = 0; g < b.goroutines; g++) {
    if (target.idle(s, g)) continue;
    if (target.enabled(s, g)) return false;
    busy = true;
  }
  return busy;
}

/** The monitor slot of the operation goroutine g calls from inside a Range callback. */
export function nestedSlot(b: Bounds, g: number): number {
  return b.goroutines + g;
}

/**
 * Whether an execution ending here breaks the target's contract: for the plain map only a
 * race-free one that did not end ok; for the safe targets any that did not end ok.
 */
export function breaches<S>(target: Target<S>, n: Node<S>): boolean {
  if (outcomeOf(n) === OUTCOME_OK) return false;
  return target.contract === 'always' || !n.overlap;
}

/** Whether the search is under a context bound (bound.ts). */
function isBounded(b: Bounds): b is Bounds & { preemptions: number } {
  return b.preemptions !== undefined;
}

/** Whether g stepping now switches away from a goroutine that is in the middle of an operation and could go on. */
function preempts<S>(target: Target<S>, b: Bounds, n: Node<S>, g: number): boolean {
  const l = n.last;
  return l >= 0 && l !== g && l < b.goroutines && !target.idle(n.s, l) && target.enabled(n.s, l);
}

/**
 * The state key: the target's canonical text, then the verifiers' state, values named alike.
 * Goroutines are interchangeable (every one may run any program), so the key is the smallest
 * text over every order of the goroutines: states that differ only by which goroutine is which
 * share one key (symmetry reduction). Under a context bound the last goroutine to run and the
 * preemptions taken are part of the state too.
 */
export function nodeKey<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions = ALL_REDUCTIONS): string {
  return keyWithOrders(target, b, n, r).key;
}

/**
 * The state key and every goroutine order whose text is the key: orders[k][c] is the goroutine
 * listed c-th. More than one order means the state maps onto itself under a renaming of goroutines.
 */
export function keyWithOrders<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions = ALL_REDUCTIONS): { key: string; orders: number[][] } {
  if (n.crash && r.deadAtCrash && target.halt) return crashKey(target, b, n, r);
  const tail = keyTail(n, r);
  if (!r.canonicalHeap) return { key: `${JSON.stringify([n.s, n.mon.configs, n.mon.pending, n.last, n.preempted])}${tail}`, orders: [identity(b.goroutines)] };
  const keyed = namesKeys(target, b, r);
  const { text, orders } = smallestText(keyOrders(target, b, r, n.s), (order) => {
    const values = r.valueNaming ? new ValueNamer() : new IdentityNamer();
    const keys = keyed ? new KeyNamer(b.keys) : undefined;
    const bound = b.preemptions === undefined ? '' : `^${order.indexOf(n.last)}.${n.preempted}`;
    // The target names its values and keys first: the monitor names only those it alone holds (encodeMonitor, remembered by memoEncode).
    const state = target.encode(n.s, values, order, keys);
    // Without linearizability the monitor never leaves its first state: nothing of it to key.
    const mon = target.linearizability === false ? '' : memoEncode(n.mon, values, monitorOrder(order, b.goroutines), keys);
    return `${state}#${mon}${bound}`;
  });
  return { key: text + tail, orders };
}

/** What a state key ends with: the verifiers' flags, the crash, and the operations started when states are not subsumed. */
export function keyTail<S>(n: Node<S>, r: Reductions): string {
  // The usual tails as constants: this ends every state key, and building it was garbage each time.
  if (n.broken === undefined && !n.crash && r.subsumption) return n.overlap ? '#1' : '#0';
  const crash = n.crash ? `!${n.crash.kind}:${n.crash.message}` : '';
  const ops = r.subsumption ? '' : `@${n.ops}`;
  return `#${n.overlap ? 1 : 0}${n.broken ?? ''}${crash}${ops}`;
}

/** The smallest of the texts `textOf` gives the goroutine orders, and every order that gives it. */
function smallestText(candidates: readonly number[][], textOf: (order: number[]) => string): { text: string; orders: number[][] } {
  let best: string | undefined;
  let orders: number[][] = [];
  for (const order of candidates) {
    const text = textOf(order);
    if (best === undefined || text < best) {
      best = text;
      orders = [order];
    } else if (text === best) orders.push(order);
  }
  return { text: best!, orders };
}

/**
 * The key of a crashed state: the program is over, so only the memory and the verdicts are left.
 * The goroutines' stacks are dead (Target.halt), and so is the monitor: the crash is the outcome
 * whatever the history was (checker/verify/outcome.ts), as is a broken invariant. What a
 * crashed state still needs in its key is what `breaches` reads: the crash, and for the plain
 * map whether operations overlapped. Symmetry still applies (the memory may name goroutines,
 * as a held lock does).
 */
function crashKey<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions): { key: string; orders: number[][] } {
  const s = target.halt!(n.s);
  const keyed = namesKeys(target, b, r);
  const { text, orders } = smallestText(r.symmetry ? permutations(b.goroutines) : [identity(b.goroutines)],
    (order) => target.encode(s, r.valueNaming ? new ValueNamer() : new IdentityNamer(), order, keyed ? new KeyNamer(b.keys) : undefined));
  return { key: `${text}!${n.crash!.kind}:${n.crash!.message}#${n.overlap ? 1 : 0}`, orders };
}

/**
 * Whether the state key names keys (a fresh KeyNamer per goroutine order): where key symmetry
 * applies (see Reductions.keySymmetry). Not with the partial-order reduction, whose cached
 * futures are renamed by goroutine only (dpor.ts).
 */
export function namesKeys<S>(target: Target<S>, b: Bounds, r: Reductions): boolean {
  return r.keySymmetry && !r.dpor && keysAlike(target, b.keys);
}

/**
 * Whether renaming keys maps this target's executions onto its executions: the target says its
 * spec treats keys alike (Target.keySymmetric), and its alphabet offers every operation on every
 * key (the misused RWMutex maps offer theirs on k0 only, so k0 and k1 have different futures).
 * Worked out once per target and key count.
 */
const KEYS_ALIKE = new WeakMap<object, Map<number, boolean>>();

function keysAlike<S>(target: Target<S>, keys: number): boolean {
  const known = remembered(KEYS_ALIKE, target, () => new Map<number, boolean>());
  let alike = known.get(keys);
  if (alike === undefined) {
    const alphabet = target.alphabet(keys, 1);
    const offered = new Set(alphabet.map((op) => JSON.stringify(op)));
    const onEveryKey = alphabet.every((op) => !('key' in op) || Array.from({ length: keys }, (_, k) => offered.has(JSON.stringify({ ...op, key: k }))).every(Boolean));
    known.set(keys, (alike = onEveryKey && target.keySymmetric?.(keys) === true));
  }
  return alike;
}

/**
 * The goroutine orders a key of target state s tries: sortingOrders' under the symmetry
 * reduction, else the goroutines as numbered. keyWithOrders and the classes (classes.ts) take
 * them from here, so a class's texts are the ones a key would compute.
 */
export function keyOrders<S>(target: Target<S>, b: Bounds, r: Reductions, s: S): readonly number[][] {
  return r.symmetry ? sortingOrders(target, b, s) : [identity(b.goroutines)];
}

/**
 * The goroutine orders worth encoding: those that list goroutines by what they do next (idle
 * first, then by next step label), any order among ties. Renaming goroutines permutes these
 * orders along with the goroutines, so the smallest text over them is still the same for every
 * renaming of a state; it just needs one encoding instead of G! when the goroutines differ.
 */
export function sortingOrders<S>(target: Target<S>, b: Bounds, s: S): readonly number[][] {
  const G = b.goroutines;
  // Two goroutines, the usual case: one comparison, and a list made once (this runs at every state key).
  if (G === 2) {
    const c = compareNext(target, s, 0, 1);
    return c < 0 ? IN_ORDER : c > 0 ? SWAPPED : permutations(2);
  }
  return permutations(G).filter((order) => order.every((g, i) => i === 0 || compareNext(target, s, order[i - 1]!, g) <= 0));
}

const IN_ORDER: readonly number[][] = [[0, 1]];
const SWAPPED: readonly number[][] = [[1, 0]];

/** Goroutines by what they do next: idle ones first, then busy ones by their next step's label. */
function compareNext<S>(target: Target<S>, s: S, g: number, h: number): number {
  const gIdle = target.idle(s, g);
  const hIdle = target.idle(s, h);
  if (gIdle || hIdle) return gIdle === hIdle ? 0 : gIdle ? -1 : 1;
  const a = target.nextLabel(s, g) ?? '';
  const b = target.nextLabel(s, h) ?? '';
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The monitor's slot order for a goroutine order: the goroutines' own slots, then their Range
 * callbacks' (nestedSlot), made once per order (the orders are permutations() arrays, kept).
 */
const MONITOR_ORDERS = new WeakMap<readonly number[], number[]>();

function monitorOrder(order: readonly number[], goroutines: number): number[] {
  let slots = MONITOR_ORDERS.get(order);
  if (!slots) MONITOR_ORDERS.set(order, (slots = [...order, ...order.map((g) => g + goroutines)]));
  return slots;
}

/** A namer that keeps every value as it is: value naming switched off. */
class IdentityNamer extends ValueNamer {
  override name(v: number): number {
    return v;
  }

  override peek(v: number): number {
    return v;
  }

  override clone(): ValueNamer {
    return this;
  }

  override signature(): string {
    return '';
  }
}

export function identity(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

const PERMUTATIONS = new Map<number, number[][]>();

function permutations(n: number): number[][] {
  let cached = PERMUTATIONS.get(n);
  if (!cached) {
    cached = [[]];
    for (let k = 0; k < n; k++) cached = cached.flatMap((p) => Array.from({ length: p.length + 1 }, (_, i) => [...p.slice(0, i), k, ...p.slice(i)]));
    cached.sort((a, b) => a.join().localeCompare(b.join()));
    PERMUTATIONS.set(n, cached);
  }
  return cached;
}

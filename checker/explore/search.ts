/**
 * The search on one thread: every state reachable within the bounds, stored once by its key,
 * explored layer by layer of operations started, with each end state counted by outcome class
 * (or, with `por`, the partial-order reduction of dpor.ts).
 */
import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import type { OutcomeClass } from '../../spec/types.js';
import { exploreDpor } from './dpor.js';
import { FingerprintTable } from './fingerprints.js';
import { forgetMonitorMemo } from '../verify/monitor-memo.js';
import { forgetClasses, searchMoves } from './classes.js';
import { OpLayers, pushSuccessors } from './layers.js';
import { ALL_REDUCTIONS, type Bounds, breaches, initialNode, isEnd, type Node, outcomeOf, type Reductions } from './node.js';

export interface ExploreOptions extends Bounds {
  cfg: MapConfig;
  /** Called now and then with the number of states explored so far. */
  onProgress?: (states: number) => void;
  /**
   * Called once per distinct end state with its key, its class and whether it crashed, so tests
   * can compare the end states of two searches.
   */
  onEnd?: (key: string, outcome: OutcomeClass, crashed: boolean) => void;
  /**
   * Explore only slice `index` of `count` (0-based) of the scenario space: the states that enter
   * the second layer of operations started, dealt by their keys (SLICE_LAYER), after everything
   * before them. A state several slices reach is explored in each; merging their fingerprints
   * (checker/run/shard.ts) counts it once.
   */
  slice?: { index: number; count: number };
  /** Also return every visited and every end state's fingerprint (a shard's partial report needs them). */
  fingerprints?: boolean;
  /** false: a plain depth-first search instead of one layer of operations started at a time (see OpLayers); tests compare them. */
  layered?: boolean;
  /** Which reductions to use; all by default. Tests switch them off one by one. */
  reductions?: Reductions;
}

export interface ExploreResult {
  /**
   * Distinct states stored. Without the chains reduction, every state reached; with it, every
   * state with a scheduler choice, every end state and every successor of a state with a choice,
   * but not the states within a run of single choices (see `settle`).
   */
  states: number;
  /**
   * How many times a stored state was explored: its first visit, and each later one with more
   * operations left to start. The layered search makes it `states` (see OpLayers); the parallel
   * search's is a little more, and depends on timing, so reports leave it out; tests and the
   * bench read it. Absent from the partial-order reduction's search.
   */
  explored?: number;
  /** The parallel search's: states handed from one participant to another (parallel-share.ts); timing decides it, as `explored`. */
  handedOver?: number;
  /** Distinct end states: finished executions, up to state equality. */
  executions: number;
  /** End states per outcome class. */
  outcomes: Map<OutcomeClass, number>;
  /** Whether some execution the contract covers (no two operations overlapped) did not end ok. */
  breached: boolean;
  /** Bytes held by the visited set at the end. */
  visitedBytes: number;
  /** With ExploreOptions.fingerprints: the visited states', and the end states' per outcome class. */
  fingerprints?: { visited: Uint32Array; ends: Map<OutcomeClass, Uint32Array> };
}

const PROGRESS_EVERY = 8192;

/**
 * Visits every state of every interleaving of every scenario with at most `depth` operations.
 * A goroutine between operations may start any operation, so one depth-first search covers
 * every program tuple. The visited set keeps, per state, the most operations it was explored
 * with budget left for; a state met again with no more budget is subsumed (it can do nothing
 * the first visit could not), and one met with more is explored again.
 */
export function explore<S>(target: Target<S>, o: ExploreOptions): ExploreResult {
  const reductions = o.reductions ?? ALL_REDUCTIONS;
  if (reductions.dpor && target.locationClass && o.preemptions === undefined && !o.slice && !o.fingerprints) {
    const { transitions: _t, maximal: _m, blocked: _b, ...reduced } = exploreDpor(target, o, reductions);
    return reduced;
  }
  // The monitor's memo starts empty and is dropped at the end: it is for this search alone.
  forgetMonitorMemo();
  forgetClasses(target);
  const { advance: advanceFrom, key: keyOf, fingerprint: fingerprintOf } = searchMoves(target, o, reductions);
  const result: ExploreResult & { explored: number } = { states: 0, explored: 0, executions: 0, outcomes: new Map(), breached: false, visitedBytes: 0 };
  const visited = new FingerprintTable();
  const ended = new FingerprintTable(12);
  const root = initialNode(target, o.cfg, o, reductions);
  // Depth-first within a layer of operations started, layer by layer (see OpLayers).
  const stack = new OpLayers<{ readonly node: Node<S> }>(o.layered ?? true);
  stack.push({ node: root }, 0);
  const endsByClass = new Map<OutcomeClass, FingerprintTable>();

  /** Stores n; false when it was stored before with as much budget (nothing new to find from it). */
  const visit = (n: Node<S>): boolean => {
    const budget = o.depth - n.ops;
    const [a, b, c] = fingerprintOf(target, o, n, reductions);
    const before = visited.raiseTriple(a, b, c, budget);
    if (before >= budget) return false;
    result.explored++;
    if (before < 0) result.states++;
    if (o.onProgress && result.states % PROGRESS_EVERY === 0) o.onProgress(result.states);
    if (isEnd(target, o, n) && ended.setTriple(a, b, c, 0) < 0) {
      const outcome = outcomeOf(n);
      result.executions++;
      // The key itself only for a caller that asks: the search needs its fingerprint alone.
      o.onEnd?.(keyOf(target, o, n, reductions), outcome, n.crash !== undefined);
      if (o.fingerprints) {
        if (!endsByClass.has(outcome)) endsByClass.set(outcome, new FingerprintTable(8));
        endsByClass.get(outcome)!.setTriple(a, b, c, 0);
      }
      result.outcomes.set(outcome, (result.outcomes.get(outcome) ?? 0) + 1);
      if (breaches(target, n)) result.breached = true;
    }
    return true;
  };

  // Every state on the stack is the root or a successor of a state with a choice.
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const reached = advanceFrom(target, o, item.node, true, reductions, visit);
    if (!reached) continue;
    let next = reached.next;
    const slice = o.slice;
    if (slice && reached.node.ops === SLICE_LAYER) next = next.filter((s) => s.edge.op === null || inSlice(fingerprintOf(target, o, s.node, reductions), slice));
    pushSuccessors(stack, reached.node.ops, next);
  }
  forgetMonitorMemo();
  forgetClasses(target);
  result.visitedBytes = visited.bytes + ended.bytes;
  if (o.fingerprints) result.fingerprints = { visited: visited.triples(), ends: new Map([...endsByClass].map(([c, t]) => [c, t.triples()])) };
  return result;
}

/**
 * The layer whose starts a slice deals out (see ExploreOptions.slice): every slice explores the
 * states with at most this many operations started, and of the starts that lead out of it keeps
 * those whose state key hashes to it. Dealing the root's own choices, as before, gave slices
 * that did each other's work: most first operations on an empty map come back to the empty map
 * (with one operation fewer to go), a state that reaches nearly everything, and under the
 * symmetries a start by goroutine 1 or on k1 is the same state as one by goroutine 0 or on k0.
 * By key, each state entering the next layer belongs to one slice whichever way it is reached.
 */
const SLICE_LAYER = 1;

/** Whether slice `slice` keeps a start into SLICE_LAYER: its state key's fingerprint, dealt round-robin. */
function inSlice([a]: readonly number[], slice: { index: number; count: number }): boolean {
  return (a! >>> 0) % slice.count === slice.index;
}

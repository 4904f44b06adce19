import type { Target } from '../../spec/target.js';
import { FingerprintTable } from './fingerprints.js';
import { Interner } from './interner.js';
import { AccessSets, conflicts, type Footprint, footprintOf } from './footprint.js';
import { applyEdge, breaches, type Edge, goroutineEdges, initialNode, isEnd, keyWithOrders, type Node, outcomeOf, type Reductions } from './node.js';
import type { ExploreOptions, ExploreResult } from './search.js';

/**
 * Dynamic partial-order reduction (Flanagan and Godefroid's DPOR, with vector clocks) combined
 * with the state cache, symmetry and the operation budget. docs/performance.md gives the argument;
 * in short:
 *
 * - At each state only a persistent set of goroutines is explored: one to begin with, and every
 *   goroutine another access later turns out to race with (a conflicting access of a different
 *   goroutine that does not happen before it), added at the state where the earlier access ran.
 *   An idle goroutine's choices (which operation to start) are all explored together.
 * - Every end state (a crash, or every goroutine between operations) is still reached: crashes
 *   conflict with everything, and calls, returns and starts all touch the checker's own '@H' and
 *   '@OPS' locations, which orders every quiescent point against everything around it. So the
 *   outcome counts equal the unreduced search's exactly, which the tests check.
 * - A state met again is not explored again; instead the accesses its explored future makes
 *   (kept per goroutine, without heap ids, in the cache) are raced against the current stack as
 *   if they came next, conservatively at every conflicting position, not just the last one.
 *   This is the summary Yang et al. add to make DPOR sound with state caching.
 */
export function exploreDpor<S>(target: Target<S>, o: ExploreOptions, reductions: Reductions, mode: DporMode = {}): DporResult {
  const locationClass = target.locationClass;
  if (!locationClass) throw new Error(`target ${target.name} cannot be explored with partial-order reduction (it has no locationClass)`);
  if (o.preemptions !== undefined) throw new Error('partial-order reduction and a preemption bound do not combine; the bounded search explores every successor');
  const G = o.goroutines;
  const stateless = mode.stateless === true;
  const result: DporResult = { states: 0, executions: 0, outcomes: new Map<string, number>(), breached: false, visitedBytes: 0, transitions: 0, maximal: 0, blocked: 0 };
  const visited = new FingerprintTable(20, true);
  const ended = new FingerprintTable(12);
  const sets = new AccessSets(locationClass);
  const summaries = new Summaries();
  const stack: Array<Frame<S>> = [];

  const countEnd = (n: Node<S>, key: string): void => {
    if (!isEnd(target, o, n) || ended.set(key, 0) >= 0) return;
    const outcome = outcomeOf(n);
    result.executions++;
    o.onEnd?.(key, outcome, n.crash !== undefined);
    result.outcomes.set(outcome, (result.outcomes.get(outcome) ?? 0) + 1);
    if (breaches(target, n)) result.breached = true;
  };

  /** Where `p`'s accesses must be tried earlier: the frame before a racing stack position. */
  const backtrack = (at: number, p: number): void => {
    const f = stack[at - 1]!;
    f.backtrack |= f.enabled & (1 << p) ? 1 << p : f.enabled;
  };

  /** The goroutine's latest clock on the stack: clock[q] is the last position of q that happens before it. */
  const clockOf = (p: number): Int32Array => {
    for (let k = stack.length - 1; k >= 1; k--) if (stack[k]!.event!.g === p) return stack[k]!.event!.clock;
    return NO_CLOCK(G);
  };

  /**
   * The race check for a next access of p (FG-DPOR's, with source-DPOR's choice of whom to
   * try): the last conflicting position not ordered before p's step. There the goroutine tried
   * first is the one whose step comes first among those ordered before p's step after that
   * position (an "initial"; p itself when there is none), or every goroutine if it cannot move
   * there. FG-DPOR tries p itself, which is not enough when p is asleep there and the
   * executions wanted start with another goroutine's step that p's step depends on.
   *
   * A crash needs a second check. It conflicts with everything because it stops the others,
   * but whether a step crashes depends on what it read: moved before the writes it read, it is
   * a different step that does not crash. So the check above is done with the step's real
   * accesses, and separately the last step it conflicts with only by crashing, not ordered
   * before it even counting the writes it read, is raced too, again trying the initial first,
   * so the writes stay before the crash. Counting traces found both gaps: 3,336 and then 36 of
   * 622,374 traces on three goroutines had no explored execution; now none is missed.
   */
  const raceNext = (p: number, f: Footprint): void => {
    const own = clockOf(p);
    const real: Footprint = f.all ? { reads: f.reads, writes: f.writes, all: false } : f;
    lastRace(own, real, (k) => backtrack(k, initialAfter(k, own, p)));
    if (!f.all) return;
    // The crash as ordered after the writes it read.
    const after = clockAfter(p, real);
    lastRace(after, f, (k) => backtrack(k, initialAfter(k, after, p)));
  };

  /** Calls `race` with the last stack position whose access conflicts with f and is not ordered before a step with `clock`. */
  const lastRace = (clock: Int32Array, f: Footprint, race: (k: number) => void): void => {
    for (let k = stack.length - 1; k >= 1; k--) {
      const e = stack[k]!.event!;
      if (k <= clock[e.g]! || !conflicts(e.footprint, f)) continue;
      race(k);
      return;
    }
  };

  /**
   * What a step of g with footprint f would happen after if it came next: g's own history and
   * every earlier access f conflicts with, with theirs. A new event's clock, before its own position.
   */
  const clockAfter = (g: number, f: Footprint): Int32Array => {
    const clock = Int32Array.from(clockOf(g));
    for (let j = 1; j < stack.length; j++) {
      const e = stack[j]!.event!;
      if (e.g !== g && conflicts(e.footprint, f)) for (let q = 0; q < G; q++) clock[q] = Math.max(clock[q]!, e.clock[q]!);
    }
    return clock;
  };

  /** The goroutine of the first step after position k ordered before the step with `clock`, or p. */
  const initialAfter = (k: number, clock: Int32Array, p: number): number => {
    for (let j = k + 1; j < stack.length; j++) {
      const g = stack[j]!.event!.g;
      if (j <= clock[g]!) return g;
    }
    return p;
  };

  /** A cached state's future accesses, raced against the stack at every conflicting position. */
  const raceSummary = (p: number, set: number): void => {
    if (set === 0) return;
    const clock = clockOf(p);
    for (let k = stack.length - 1; k >= 1; k--) {
      const e = stack[k]!.event!;
      if (e.g === p || k <= clock[e.g]! || !sets.conflicts(e.coarse, set)) continue;
      backtrack(k, p);
    }
  };

  const eventFor = (edge: Edge, footprint: Footprint): Event => {
    const g = edge.g;
    const clock = clockAfter(g, footprint);
    clock[g] = stack.length;
    return { g, footprint, coarse: sets.footprintId(footprint), clock };
  };

  /** Explores the state on top of the stack; returns its summary per goroutine of this execution. */
  const visit = (frame: Frame<S>): number[] => {
    const n = frame.node;
    const moves = movesOf(target, o, n);
    const acc = new Array<number>(G).fill(0);
    for (const m of moves) {
      if (m.runnable) frame.enabled |= 1 << m.edge.g;
      acc[m.edge.g] = sets.add(acc[m.edge.g]!, m.footprint);
      raceNext(m.edge.g, m.footprint);
    }
    if (frame.enabled === 0) {
      result.maximal++;
      return acc;
    }
    // Stateless, a goroutine asleep here (explored from an ancestor, and nothing since touched
    // what its next step touches) would only lead to executions explored already.
    const asleep = stateless ? frame.sleep : 0;
    if ((frame.enabled & ~asleep) === 0) {
      result.blocked++;
      return acc;
    }
    frame.backtrack |= 1 << preferred(target, o, n, frame.enabled & ~asleep, frame.event?.g ?? -1);
    let explored = 0;
    for (let p = lowest(frame.backtrack & ~frame.done & ~asleep); p >= 0; p = lowest(frame.backtrack & ~frame.done & ~asleep)) {
      frame.done |= 1 << p;
      for (const m of moves) {
        if (m.edge.g !== p) continue;
        result.transitions++;
        const child = m.node;
        const { key, orders } = keyWithOrders(target, o, child, reductions);
        const budget = o.depth - child.ops;
        const stored = visited.get(key);
        const storedBudget = stored & BUDGET_MASK;
        const event = eventFor(m.edge, m.footprint);
        let childSummary: number[];
        const sleep = stateless ? sleepAfter(moves, asleep | explored, m) : 0;
        stack.push({ node: child, event, enabled: 0, backtrack: 0, done: 0, sleep });
        if (stateless) {
          if (stored < 0) result.states++;
          visited.set(key, budget);
          countEnd(child, key);
          childSummary = visit(stack[stack.length - 1]!);
        } else if (stored >= 0 && storedBudget >= budget && !(stored & IN_PROGRESS)) {
          childSummary = summaries.toRaw(summaries.get(visited.getAux(key)), orders);
          for (let q = 0; q < G; q++) raceSummary(q, childSummary[q]!);
        } else if (stored >= 0 && storedBudget >= budget) {
          // An ancestor with this key is still being explored: explore this visit on its own.
          childSummary = visit(stack[stack.length - 1]!);
        } else {
          if (stored < 0) result.states++;
          if (o.onProgress && result.states % PROGRESS_EVERY === 0) o.onProgress(result.states);
          visited.set(key, budget | IN_PROGRESS);
          countEnd(child, key);
          childSummary = visit(stack[stack.length - 1]!);
          const previous = stored >= 0 ? summaries.toRaw(summaries.get(visited.getAux(key)), orders) : undefined;
          const merged = previous ? childSummary.map((s, q) => sets.union(s, previous[q]!)) : childSummary;
          visited.set(key, budget);
          visited.setAux(key, summaries.intern(summaries.toCanonical(merged, orders, sets)));
        }
        stack.pop();
        for (let q = 0; q < G; q++) acc[q] = sets.union(acc[q]!, childSummary[q]!);
      }
      explored |= 1 << p;
    }
    return acc;
  };

  const root = initialNode(target, o.cfg, o, reductions);
  const rootKey = keyWithOrders(target, o, root, reductions).key;
  visited.set(rootKey, o.depth | IN_PROGRESS);
  result.states++;
  stack.push({ node: root, event: undefined, enabled: 0, backtrack: 0, done: 0, sleep: 0 });
  visit(stack[0]!);
  result.visitedBytes = visited.bytes + ended.bytes;
  return result;
}

const PROGRESS_EVERY = 8192;
const IN_PROGRESS = 128;
const BUDGET_MASK = 127;
const NO_CLOCK = (g: number): Int32Array => new Int32Array(g).fill(-1);

interface Event {
  g: number;
  footprint: Footprint;
  /** The footprint's heap-free id in AccessSets. */
  coarse: number;
  /** Vector clock: per goroutine, the last stack position of it that happens before this event. */
  clock: Int32Array;
}

interface Frame<S> {
  node: Node<S>;
  /** The access that led here (undefined at the root). */
  event: Event | undefined;
  /** Bit masks over goroutines: can move here, must be explored here, explored here. */
  enabled: number;
  backtrack: number;
  done: number;
  /** Stateless mode: goroutines asleep here (Godefroid's sleep set), not to be explored. */
  sleep: number;
}

export interface DporMode {
  /**
   * No state cache: every state is explored on every visit, with sleep sets: the DPOR whose
   * explored executions per Mazurkiewicz trace the bench reports (the cached search has no
   * executions to count: it stops where it meets a state again).
   */
  stateless?: boolean;
}

export type DporResult = ExploreResult & {
  transitions: number;
  /** Stateless mode: complete executions explored (at their end no goroutine can move). */
  maximal: number;
  /** Stateless mode: executions cut short because every goroutine that could move was asleep. */
  blocked: number;
};

/**
 * The sleep set after move m: the goroutines asleep here or explored here before m's goroutine,
 * whose every move here is independent of m (they would do the same after m).
 */
function sleepAfter<S>(moves: Array<Move<S>>, candidates: number, m: Move<S>): number {
  let sleep = 0;
  for (let q = lowest(candidates); q >= 0; q = lowest(candidates & ~((2 << q) - 1))) {
    if (q === m.edge.g) continue;
    const own = moves.filter((x) => x.edge.g === q);
    if (own.every((x) => x.runnable && !conflicts(x.footprint, m.footprint))) sleep |= 1 << q;
  }
  return sleep;
}

interface Move<S> {
  edge: Edge;
  node: Node<S>;
  footprint: Footprint;
  runnable: boolean;
}

/**
 * Every scheduler choice at n with the node it leads to and what it touched. After a crash
 * nothing runs, but the steps the other goroutines had next are still returned (as not
 * runnable): FG-DPOR races them against the crash, which is how the crash gets tried later.
 */
function movesOf<S>(target: Target<S>, o: ExploreOptions, n: Node<S>): Array<Move<S>> {
  const moves: Array<Move<S>> = [];
  const crashed = n.crash !== undefined;
  for (let g = 0; g < o.goroutines; g++) {
    const edges = goroutineEdges(target, o, n, g);
    if (!edges) {
      // Blocked: nothing to run, but the step it waits for still races with the stack (FG-DPOR
      // checks every goroutine's next step, enabled or not).
      if (!target.pendingAccess) throw new Error(`target ${target.name}: goroutine ${g} is blocked and the target cannot say on what (no pendingAccess)`);
      const { reads, writes } = target.pendingAccess(n.s, g);
      moves.push({ edge: { g, op: null }, node: n, footprint: { reads, writes, all: false }, runnable: false });
      continue;
    }
    for (const edge of edges) {
      const { node, info } = applyEdge(target, o, crashed ? { ...n, crash: undefined } : n, edge, false);
      moves.push({ edge, node, footprint: footprintOf(edge, info, node.crash !== undefined), runnable: !crashed });
    }
  }
  return moves;
}

/** The goroutine to explore first: the one that just ran if it is mid-operation, else the lowest busy one, else the lowest. */
function preferred<S>(target: Target<S>, o: ExploreOptions, n: Node<S>, enabled: number, last: number): number {
  if (last >= 0 && enabled & (1 << last) && !target.idle(n.s, last)) return last;
  for (let g = 0; g < o.goroutines; g++) if (enabled & (1 << g) && !target.idle(n.s, g)) return g;
  return lowest(enabled);
}

function lowest(mask: number): number {
  return mask === 0 ? -1 : 31 - Math.clz32(mask & -mask);
}

/**
 * Interned per-goroutine summaries. Stored with goroutines in canonical order (position c is the
 * goroutine the state key lists c-th); when several orders give the key (the state is symmetric),
 * each position gets the union over them, so reading back under any of them is conservative.
 */
class Summaries {
  private readonly interned = new Interner<number[]>();

  intern(s: number[]): number {
    return this.interned.id(s.join(','), () => s);
  }

  get(id: number): number[] {
    return this.interned.get(id);
  }

  toCanonical(raw: number[], orders: number[][], sets: AccessSets): number[] {
    return raw.map((_, c) => orders.reduce((u, order) => sets.union(u, raw[order[c]!]!), 0));
  }

  toRaw(canonical: number[], orders: number[][]): number[] {
    const raw = new Array<number>(canonical.length).fill(0);
    // Symmetric states store unions over their orders already, so the first order is enough.
    const order = orders[0]!;
    canonical.forEach((s, c) => {
      raw[order[c]!] = s;
    });
    return raw;
  }
}

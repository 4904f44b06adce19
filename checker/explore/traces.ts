/**
 * Counting Mazurkiewicz traces apart from the partial-order reduction, for the bench's
 * optimality ratio: by brute force over Foata normal forms, and by a plain sleep-set search.
 */
import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { conflicts, type Footprint, footprintOf } from './footprint.js';
import { applyEdge, type Bounds, type Edge, goroutineEdges, initialNode, type Node } from './node.js';

/** What the enumeration found: every maximal execution, and how many classes they fall into. */
export interface TraceCount {
  /** Maximal executions (no goroutine can move at their end): every interleaving, enumerated. */
  executions: number;
  /** Mazurkiewicz traces: classes of executions equal up to swapping adjacent independent steps. */
  traces: number;
}

interface Event {
  g: number;
  /** Which step of its goroutine this is, with its label and the operation it started: equal events of equivalent executions get equal ids. */
  id: string;
  footprint: Footprint;
}

/**
 * Counts the Mazurkiewicz traces of the maximal executions within the bounds by brute force,
 * independently of the partial-order reduction whose optimality it measures: every interleaving
 * is run to its end with no caching and no reduction, and each is reduced to its Foata normal
 * form (each step on the level after the last earlier step it depends on, levels sorted), which
 * two executions share exactly when they are the same trace. Two steps depend on each other when
 * one goroutine takes both, or their footprints conflict (footprint.ts: the same location with a
 * write, the history for calls and returns, the budget for starts; a crash with everything), the
 * relation the DPOR uses. Only for small bounds: the count of interleavings is exponential, and
 * past `limit` executions it throws rather than run for hours.
 */
export function countTraces<S>(target: Target<S>, cfg: MapConfig, b: Bounds, limit = 2_000_000): TraceCount {
  const forms = new Set<string>();
  let executions = 0;
  const path: Event[] = [];
  const counts = new Array<number>(b.goroutines).fill(0);
  const walk = (n: Node<S>): void => {
    const moves = movesAt(target, b, n);
    for (const m of moves) {
      const id = `${m.g}.${counts[m.g]}:${m.label}${m.edge.op ? `<${JSON.stringify(m.edge.op)}` : ''}`;
      path.push({ g: m.g, id, footprint: m.footprint });
      counts[m.g]!++;
      walk(m.node);
      counts[m.g]!--;
      path.pop();
    }
    if (moves.length > 0) return;
    if (++executions > limit) throw new Error(`more than ${limit} interleavings: too large a bound to count traces by enumeration`);
    forms.add(foata(path));
  };
  walk(initialNode(target, cfg, b));
  return { executions, traces: forms.size };
}

/**
 * The same count, for bounds too large to enumerate: a depth-first search with sleep sets and
 * nothing else (Godefroid's sleep-set method, no persistent sets, no caching). After a
 * transition has been explored from a state, its later siblings carry it asleep as long as
 * what they take is independent of it, and a state does not take a transition asleep in it; so
 * of all the executions of one trace exactly one runs to its end, and every trace has one. The
 * complete executions it runs are therefore the traces; the tests check it against `countTraces`
 * on bounds small enough for both.
 */
export function countTracesBySleepSets<S>(target: Target<S>, cfg: MapConfig, b: Bounds): number {
  let traces = 0;
  /** Asleep transitions by id (goroutine and the operation it starts, if any). */
  type Sleep = ReadonlyMap<string, { g: number; footprint: Footprint }>;
  const walk = (n: Node<S>, sleep: Sleep): void => {
    const moves = movesAt(target, b, n);
    if (moves.length === 0) {
      traces++;
      return;
    }
    const asleep = new Map(sleep);
    for (const m of moves) {
      const id = `${m.g}${m.edge.op ? JSON.stringify(m.edge.op) : ''}`;
      if (asleep.has(id)) continue;
      const next = new Map<string, { g: number; footprint: Footprint }>();
      for (const [other, t] of asleep) if (t.g !== m.g && !conflicts(t.footprint, m.footprint)) next.set(other, t);
      walk(m.node, next);
      asleep.set(id, { g: m.g, footprint: m.footprint });
    }
  };
  walk(initialNode(target, cfg, b), new Map());
  return traces;
}

/** Every scheduler choice at n, none after a crash, with the step's label and footprint. */
function movesAt<S>(target: Target<S>, b: Bounds, n: Node<S>): Array<{ g: number; edge: Edge; node: Node<S>; label: string; footprint: Footprint }> {
  const moves = [];
  for (let g = 0; g < b.goroutines && !n.crash; g++) {
    for (const edge of goroutineEdges(target, b, n, g) ?? []) {
      const { node, info } = applyEdge(target, b, n, edge, false);
      moves.push({ g, edge, node, label: info.label, footprint: footprintOf(edge, info, node.crash !== undefined) });
    }
  }
  return moves;
}

/** The Foata normal form of an execution, as text: its steps by level, each level sorted. */
export function foata(events: readonly Event[]): string {
  const level: number[] = [];
  const levels: string[][] = [];
  events.forEach((e, i) => {
    let l = 0;
    for (let j = 0; j < i; j++) {
      const d = events[j]!;
      if (level[j]! >= l && (d.g === e.g || conflicts(d.footprint, e.footprint))) l = level[j]! + 1;
    }
    level.push(l);
    (levels[l] ??= []).push(e.id);
  });
  return levels.map((ids) => ids.sort().join('&')).join(' | ');
}

/**
 * The search's states, the target's part worked out once per class.
 *
 * A state of the search is the target's state and the linearizability monitor's together, and
 * on the safe targets most stored states share their target part, up to renaming, with several
 * others: at sync.Map depth 5, 233,082 states have 29,880 target parts (docs/performance.md).
 * The monitor tells them apart (two overlapped operations whose order no observation has fixed
 * yet), and must. But the target's work at each of them, its steps, the states they lead to and
 * the texts of those states, was done again for every monitor state.
 *
 * Here target states fall into classes by their canonical text (the target's part of the state
 * key: equal texts, the same future up to renaming goroutines, values and keys), and the first
 * state met of a class stands for it. A state of the search holds its class's state, and
 * `Node.names` says which of the execution's goroutines, values and keys each of the class's
 * stands for; the monitor keeps the execution's own names, exactly as without classes. A class
 * keeps its moves (each busy goroutine's step, each idle one's start of every operation, with
 * the events they make and the class each leads to), so a state met again in the class with
 * another monitor state costs the monitor's memoised events, with their goroutine, keys and
 * values translated through `names`, and its key, whose target part the class keeps.
 *
 * Why the report stays the same: the execution's state is the class's state renamed by `names`,
 * and renaming is one-to-one and maps executions onto executions (the symmetry, value naming
 * and key symmetry reductions rest on it). Its key (`stateKey`) is keyWithOrders' formula on the
 * class's texts, the namers continued under `names` into the monitor's part: the text the
 * execution's own state would give, since the canonical text does not change under renaming.
 * So the states stored, their keys, the end states and their classes are those of the search
 * without classes, and the monitor meets the same events; tests compare them.
 */
import { KeyNamer, ValueNamer } from '../../spec/canon.js';
import type { Target } from '../../spec/target.js';
import type { Crash, StepInfo } from '../../spec/types.js';
import { memoEncode } from '../verify/monitor-memo.js';
import { fingerprint, fingerprintAfter, hashPrefix } from './fingerprints.js';
import {
  advance, AloneChoice, type Bounds, CHAIN_LIMIT, type Edge, isChain, keyOrders, keyTail, livelock, monitorAfter, type Names,
  namesKeys, nestedSlot, type Node, nodeKey, type Reductions, startEdges, type Successor, takenAlone, targetStep,
} from './node.js';
import { composed, forgetNames, keyIn, namesBack, namingOrder, slotIn, slotOrder, type Started, type TargetText, valueIn } from './names.js';

/** A class of target states with one future: the state met first, and what is kept of it. */
interface StateClass<S> {
  readonly s: S;
  /** The target's text under each order the key tries (keyOrders), as keyWithOrders makes them. */
  readonly texts: readonly TargetText[];
  /** The first of `texts` with the smallest text: names go into and out of the class through it. */
  readonly canon: TargetText;
  /** A value above every value the state holds: what an operation started from it holds as its own. */
  readonly fresh: number;
  /** Per goroutine, its step when it is busy and can take it; worked out when first needed. */
  steps?: Array<Move<S> | undefined>;
  /** The private step taken alone (see node.ts, expandPrivate), or null when there is none. */
  alone?: Move<S> | null;
  /** Per idle goroutine, its starts of every operation; worked out when first needed. */
  readonly starts: Array<ReadonlyArray<Move<S>> | undefined>;
}

type MoveInfo = Pick<StepInfo, 'label' | 'call' | 'returns' | 'nestedCall' | 'nestedReturns'>;

/** One scheduler choice from a class's state, kept. */
interface Move<S> {
  readonly from: StateClass<S>;
  readonly edge: Edge;
  /** What follow and workOutSteps read of the step's StepInfo (its accesses and texts are not kept). */
  readonly info: MoveInfo;
  /** A step that may be taken alone (Target.privateStep; see node.ts, expandPrivate). */
  readonly private: boolean;
  /** Another goroutine was in an operation when this one moved. */
  readonly overlaps: boolean;
  readonly crash: Crash | undefined;
  /** The invariant broken where the move leaves every goroutine idle. */
  readonly broken: string | undefined;
  /** The class the move leads to, and which of the state reached is each of that class's; undefined after a crash. */
  readonly to: { readonly cls: StateClass<S>; readonly back: Names } | undefined;
  /** The state after a crash (crashed states are keyed by their memory, never expanded). */
  readonly crashed: S | undefined;
}

/** The classes one search has met. */
interface ClassTable<S> {
  readonly target: Target<S>;
  readonly b: Bounds;
  readonly r: Reductions;
  readonly keyed: boolean;
  readonly byText: Map<string, StateClass<S>>;
  /** Each class's own state: a state of the search holds one of these. */
  readonly byState: Map<S, StateClass<S>>;
}

/** Past this many classes the table starts afresh: states still holding a forgotten class's state are placed again. */
const CLASS_LIMIT = 300_000;

const TABLES = new WeakMap<object, ClassTable<unknown>>();

/**
 * Whether a search of this target with these bounds and reductions keeps classes: see
 * Reductions.classes. Crashed states must be keyed by their memory alone (deadAtCrash, with
 * Target.halt): a crashed state is never placed in a class, so its target part and its monitor
 * may name things differently, and a key of the two together would mix the names. And the
 * target must have no Target.runKey: where node.ts's soloRun reuses runs by their key (which
 * leaves the other goroutines out, so one run serves states of many classes), that memo already
 * spares most of the target's repeated work, and classes cost more than they saved
 * (rwmutex-map at depth 6: 13.5 s against 11.3 s on average over eight runs each;
 * docs/performance.md). sync.Map, whose Range callbacks rule runKey out, is where they pay.
 */
export function usesClasses<S>(target: Target<S>, b: Bounds, r: Reductions): boolean {
  // Without a monitor (Target.linearizability false) a state is its target state: each class is met once, and there is nothing to reuse.
  return r.classes && b.preemptions === undefined && r.valueNaming && r.canonicalHeap && r.deadAtCrash && target.halt !== undefined && target.runKey === undefined
    && target.linearizability !== false;
}

/**
 * How a search (search.ts, and each participant of the parallel one) advances from a state, keys
 * it and fingerprints it: over classes where usesClasses says, with node.ts's advance and nodeKey
 * otherwise.
 */
export function searchMoves<S>(target: Target<S>, b: Bounds, r: Reductions): {
  advance: typeof advanceClasses<S>; key: typeof stateKey<S>; fingerprint: typeof stateFingerprint<S>;
} {
  return usesClasses(target, b, r)
    ? { advance: advanceClasses, key: stateKey, fingerprint: stateFingerprint }
    : { advance, key: nodeKey, fingerprint: nodeFingerprint };
}

/** Drops every class kept for this target: a search starts and ends with none (search.ts). */
export function forgetClasses(target: object): void {
  TABLES.delete(target);
  forgetNames();
}

/** The table kept for this target when it was made for a search with these bounds and reductions. */
function keptTable<S>(target: Target<S>, b: Bounds, r: Reductions): ClassTable<S> | undefined {
  const t = TABLES.get(target) as ClassTable<S> | undefined;
  return t && t.b.goroutines === b.goroutines && t.b.keys === b.keys && t.b.depth === b.depth && t.r === r ? t : undefined;
}

function tableOf<S>(target: Target<S>, b: Bounds, r: Reductions): ClassTable<S> {
  let t = keptTable(target, b, r);
  if (!t || t.byText.size >= CLASS_LIMIT) {
    t = { target, b, r, keyed: namesKeys(target, b, r), byText: new Map(), byState: new Map() };
    TABLES.set(target, t as ClassTable<unknown>);
  }
  return t;
}

/**
 * node.ts's `advance` over classes: the state moved into its class, stored if it is an entry,
 * its moves taken from the class, a run of single choices walked through them, and the state
 * where the run ends stored. Same contract and same states stored as `advance`.
 */
export function advanceClasses<S>(target: Target<S>, b: Bounds, n: Node<S>, entry: boolean, r: Reductions, visit: (n: Node<S>) => boolean): { node: Node<S>; next: Array<Successor<S>> } | undefined {
  const t = tableOf(target, b, r);
  n = placed(t, n);
  if (entry && !visit(n)) return undefined;
  let next = movesFrom(t, n);
  if (!r.chains || !isChain(next)) return entry || visit(n) ? { node: n, next } : undefined;
  for (let passed = 0; isChain(next); passed++) {
    if (passed === CHAIN_LIMIT) throw livelock(next[0]!.edge.g);
    n = placed(t, next[0]!.node);
    next = movesFrom(t, n);
  }
  return visit(n) ? { node: n, next } : undefined;
}

/**
 * The state key (node.ts, nodeKey). When n holds a class's state, from the class's kept texts,
 * the namers continued under n's names into the monitor's part: the text n's execution's own
 * state would give.
 */
export function stateKey<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions): string {
  const parts = keyParts(target, b, n, r);
  return typeof parts === 'string' ? parts : `${parts.tt.text}#${parts.monitor}${parts.tail}`;
}

/**
 * fingerprint(stateKey(...)) without making the key: the class's text, most of the key (170 of
 * 213 characters on average in sync.Map's depth-5 search), is hashed once per class, and each
 * state hashes only the monitor's part and the tail (0.62-0.78 µs a key before, 0.21-0.38 after).
 */
export function stateFingerprint<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions): [number, number, number] {
  const parts = keyParts(target, b, n, r);
  if (typeof parts === 'string') return fingerprint(parts);
  return fingerprintAfter((parts.tt.prefix ??= hashPrefix(`${parts.tt.text}#`)), parts.monitor, parts.tail);
}

/** node.ts's nodeKey, fingerprinted: the search's fingerprint of a state where there are no classes. */
function nodeFingerprint<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions): [number, number, number] {
  return fingerprint(nodeKey(target, b, n, r));
}

/**
 * The state key in parts: the class's text under the order that gives the smallest key, then
 * after its '#' the monitor's text and the tail; the whole key (nodeKey's) when n holds no
 * class's state.
 */
function keyParts<S>(target: Target<S>, b: Bounds, n: Node<S>, r: Reductions): string | { tt: TargetText; monitor: string; tail: string } {
  const cls = n.crash === undefined ? keptTable(target, b, r)?.byState.get(n.s) : undefined;
  if (!cls) return nodeKey(target, b, n, r);
  const names = n.names;
  let best: TargetText | undefined;
  let bestMonitor = '';
  // Every target with classes has a monitor (usesClasses): its part is always encoded.
  for (const tt of cls.texts) {
    // One namer of each kind, reset: made afresh at every key they were much of the 8 % of
    // sync.Map's garbage this function made, and nothing keeps them past the encoding.
    const values = SCRATCH_VALUES.reset();
    for (const v of tt.values.namedValues) values.name(valueIn(names, v));
    let keys: KeyNamer | undefined;
    if (tt.keys) {
      keys = scratchKeys(b.keys);
      for (const k of tt.keyOrder) keys.name(keyIn(names, k));
    }
    const monitor = memoEncode(n.mon, values, slotOrder(tt.order, names, b.goroutines), keys);
    if (best === undefined || keyBefore(tt.text, monitor, best.text, bestMonitor)) {
      best = tt;
      bestMonitor = monitor;
    }
  }
  return { tt: best!, monitor: bestMonitor, tail: keyTail(n, r) };
}

const SCRATCH_VALUES = new ValueNamer();
let scratchKeyNamer: KeyNamer | undefined;

/** A key namer with no key named, reused from one key to the next. */
function scratchKeys(keys: number): KeyNamer {
  if (scratchKeyNamer?.keys !== keys) scratchKeyNamer = new KeyNamer(keys);
  return scratchKeyNamer.reset();
}

/** Whether `${a}#${aRest}` sorts before `${b}#${bRest}`, made only when neither text decides alone. */
export function keyBefore(a: string, aRest: string, b: string, bRest: string): boolean {
  if (a === b) return aRest < bRest;
  // Texts that differ within the shorter one's length decide; when one starts with the other, the '#' and what follows do.
  if (!a.startsWith(b) && !b.startsWith(a)) return a < b;
  return `${a}#${aRest}` < `${b}#${bRest}`;
}

/** n with its class's state and names for it; n itself when it holds one already, or crashed. */
function placed<S>(t: ClassTable<S>, n: Node<S>): Node<S> {
  if (n.crash !== undefined || t.byState.has(n.s)) return n;
  const to = classOf(t, n.s);
  return { s: to.cls.s, mon: n.mon, overlap: n.overlap, broken: n.broken, crash: n.crash, ops: n.ops, last: n.last, preempted: n.preempted, names: composed(n.names, to.back, undefined) };
}

/** The class of target state s, made when s is the first of it, and which of s's is each of the class's. */
function classOf<S>(t: ClassTable<S>, s: S): { cls: StateClass<S>; back: Names } {
  const { target, b } = t;
  const texts = keyOrders(target, b, t.r, s).map((order): TargetText => {
    const values = new ValueNamer();
    const keys = t.keyed ? new KeyNamer(b.keys) : undefined;
    const text = target.encode(s, values, order, keys);
    return { order, text, values, keys, keyOrder: keys ? namingOrder(keys) : [] };
  });
  let canon = texts[0]!;
  for (const tt of texts) if (tt.text < canon.text) canon = tt;
  let cls = t.byText.get(canon.text);
  if (!cls) {
    cls = { s, texts, canon, fresh: 1 + Math.max(0, ...canon.values.namedValues), starts: [] };
    t.byText.set(canon.text, cls);
    t.byState.set(s, cls);
  }
  return { cls, back: namesBack(cls.canon, canon, b) };
}

/** The successors of n (holding its class's state) as node.ts's `expand` gives them, from the kept moves. */
function movesFrom<S>(t: ClassTable<S>, n: Node<S>): Array<Successor<S>> {
  if (n.crash !== undefined) return [];
  const cls = t.byState.get(n.s)!;
  if (!cls.steps) workOutSteps(t, cls);
  if (cls.alone) return [new MoveSuccessor(t, n, cls.alone)];
  const { target, b } = t;
  const out: Array<Successor<S>> = [];
  for (let g = 0; g < b.goroutines; g++) {
    const step = cls.steps![g];
    if (step) out.push(new MoveSuccessor(t, n, step));
    else if (target.idle(cls.s, g) && n.ops < b.depth && (target.mayStart?.(cls.s, g) ?? true)) {
      for (const m of (cls.starts[g] ??= startEdges(target, b.keys, cls.fresh, g).map((edge) => move(t, cls, edge)))) out.push(new MoveSuccessor(t, n, m));
    }
  }
  return out;
}

/** Each busy goroutine's step, and the private step taken alone if there is one (node.ts, expandPrivate, gives the reasons). */
function workOutSteps<S>(t: ClassTable<S>, cls: StateClass<S>): void {
  const { target, b } = t;
  const steps: Array<Move<S> | undefined> = [];
  const alone = new AloneChoice<Move<S>>();
  for (let g = 0; g < b.goroutines; g++) {
    if (target.idle(cls.s, g) || !target.enabled(cls.s, g)) continue;
    const m = (steps[g] = move(t, cls, { g, op: null }));
    if (m.private) alone.offer(m, m.info.label);
  }
  cls.steps = steps;
  cls.alone = alone.chosen ?? null;
}

/** One scheduler choice from the class's state, as node.ts's applyEdge takes it, kept with the class it leads to. */
function move<S>(t: ClassTable<S>, cls: StateClass<S>, edge: Edge): Move<S> {
  const { target, b } = t;
  const { state, info: full, overlaps, crash, broken } = targetStep(target, b, cls.s, edge, cls.fresh - 1, false, true);
  const { label, call, returns, nestedCall, nestedReturns } = full;
  const info: MoveInfo = { label, call, returns, nestedCall, nestedReturns };
  const alone = !edge.op && t.r.privateSteps && takenAlone(target, cls.s, edge.g, full);
  if (crash) return { from: cls, edge, info, private: alone, overlaps, crash, broken, to: undefined, crashed: state };
  return { from: cls, edge, info, private: alone, overlaps, crash, broken, to: classOf(t, state), crashed: undefined };
}

/** A successor along a kept move, its state made when first read (most wait in a higher layer for long: layers.ts). */
class MoveSuccessor<S> implements Successor<S> {
  private computed: Node<S> | undefined;
  readonly edge: Edge;

  constructor(private readonly t: ClassTable<S>, private readonly n: Node<S>, private readonly m: Move<S>) {
    this.edge = m.edge;
  }

  get node(): Node<S> {
    return (this.computed ??= follow(this.t, this.n, this.m));
  }
}

/**
 * n's successor along m, as applyEdge would make it for n's execution: the monitor's events in
 * the execution's names (an operation started now has the value applyEdge gives it, its index
 * in the execution), and the names for the next class's state. Every target with classes has a
 * monitor (usesClasses), so the events always go to it.
 */
function follow<S>(t: ClassTable<S>, n: Node<S>, m: Move<S>): Node<S> {
  const { info, edge } = m;
  const names = n.names;
  const started: Started | undefined = edge.op ? { fresh: m.from.fresh, raw: n.ops + 1 } : undefined;
  const mon = monitorAfter(n.mon, info, edge.op, slotIn(names, edge.g), slotIn(names, nestedSlot(t.b, edge.g)), names, started);
  const s = m.to ? m.to.cls.s : m.crashed!;
  const next = m.to ? composed(names, m.to.back, started) : names;
  return { s, mon, overlap: n.overlap || m.overlaps, broken: n.broken ?? m.broken, crash: m.crash, ops: n.ops + (edge.op ? 1 : 0), last: -1, preempted: 0, names: next };
}


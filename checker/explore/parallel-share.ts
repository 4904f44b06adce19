/** One participant's share of a parallel search, the same code on worker threads and the main thread. */
import type { CheckOptions } from '../cli/options.js';
import { prepareTarget } from '../run/check-target.js';
import { ALL_REDUCTIONS, breaches, expand, isChain, isEnd, type Node, outcomeOf } from './node.js';
import { adoptMonitor, forgetMonitorMemo } from '../verify/monitor-memo.js';
import { forgetClasses, searchMoves } from './classes.js';
import { OpLayers, pushSuccessors } from './layers.js';
import { workItems } from './parallel-items.js';
import { SharedFingerprintTable } from './shared-table.js';
import { Mailbox } from './mailbox.js';

/** What every participant of a parallel search is given (structured-cloned; the buffers are shared). */
export interface ShareInput {
  options: CheckOptions;
  visited: SharedFingerprintTable['buffers'];
  ended: SharedFingerprintTable['buffers'];
  /** [0]: the next work item to take; [1]: participants ready to start; [2]: how many take part, plus one (see `startTogether`). */
  control: SharedArrayBuffer;
  /** How many take part: the main thread and the worker threads. */
  participants: number;
  /** Where idle participants get states from busy ones (Mailbox). */
  mail: SharedArrayBuffer;
  /** A busy participant looks for a hungry one every this many states it explores; DONATE_EVERY when absent (tests make it 1). */
  donateEvery?: number;
}

/** What one participant alone found: the end states it was first to reach, per class, and whether one broke the contract. */
export interface ShareResult {
  outcomes: Record<string, number>;
  breached: boolean;
  /** States this participant explored (ExploreResult.explored). */
  explored: number;
  /** States this participant handed to others (ExploreResult.handedOver). */
  handedOver: number;
}

const PROGRESS_EVERY = 8192;

/**
 * One participant's share of a parallel search: takes work items (a state two scheduler choices
 * from the start) off a shared counter until none are left, explores from them against the
 * shared visited and end-state sets, and hands states to idle participants (Mailbox). Worker
 * threads and the main thread run the same code.
 */
export function searchShare(d: ShareInput, onProgress?: (states: number) => void): ShareResult {
  const { target, cfg, bounds } = prepareTarget(d.options);
  forgetMonitorMemo();
  forgetClasses(target);
  // The same search as the single thread's (search.ts): with classes where they apply.
  const { advance: advanceFrom, fingerprint: fingerprintOf } = searchMoves(target, bounds, ALL_REDUCTIONS);
  const visited = new SharedFingerprintTable(d.visited);
  const ended = new SharedFingerprintTable(d.ended);
  const next = new Int32Array(d.control);
  const result: ShareResult = { outcomes: {}, breached: false, explored: 0, handedOver: 0 };

  /** Claims a state for the visited set and counts it if it ends an execution; true when it is this participant's to expand. */
  const visit = (n: Node<unknown>): boolean => {
    // End states are few and far between: a participant growing their table must not wait for this one's next.
    ended.letGrow();
    const print = fingerprintOf(target, bounds, n, ALL_REDUCTIONS);
    if (!visited.claimPrint(print, bounds.depth - n.ops).explore) return false;
    if (isEnd(target, bounds, n) && ended.claimPrint(print, 0).isNew) {
      const outcome = outcomeOf(n);
      result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
      if (breaches(target, n)) result.breached = true;
    }
    if (++result.explored % PROGRESS_EVERY === 0) onProgress?.(visited.size);
    return true;
  };

  const { root, items } = workItems(target, cfg, bounds);
  const mail = new Mailbox(d.mail);
  const leave = (): void => {
    visited.leave();
    ended.leave();
    mail.leave();
  };
  const takesPart = startTogether(next, d.participants, (count) => { for (let i = 0; i < count; i++) leave(); });
  try {
    if (takesPart) takeItems();
  } finally {
    // The others may grow the tables, and end the search, without waiting for this participant from now on.
    if (takesPart) leave();
    // The main thread goes on to other targets: leave nothing of this search behind.
    forgetMonitorMemo();
    forgetClasses(target);
  }
  return result;

  /**
   * Explores the items this participant takes, layer by layer of operations started across all
   * of them, as the single search goes through the whole space (see OpLayers): an item is taken
   * whenever nothing is left at or below ITEM_LAYER, so every participant takes items until none
   * are left before it explores further up. Each item explored alone, to its last layer, met
   * many states first with less budget than another item would have given them, and they were
   * explored again (sync.Map at depth 6: 2,248,317 explorations for 2,049,331 states; now
   * 2,050,392). Then it works through its layers, handing the oldest of its lowest layer to a
   * hungry participant when there is one, and when it has nothing left it waits, hungry, for
   * what the others hand over, until all are done.
   */
  function takeItems(): void {
    visit(root);
    // Every state on the stack is a successor of a state with a choice, as in the single search.
    const stack = new OpLayers<{ readonly node: Node<unknown> }>();
    const explore = (n: Node<unknown>, entry: boolean): void => {
      const reached = advanceFrom(target, bounds, n, entry, ALL_REDUCTIONS, visit);
      if (reached) pushSuccessors(stack, reached.node.ops, reached.next);
    };
    const donateEvery = d.donateEvery ?? DONATE_EVERY;
    let sinceLook = 0;
    for (let k = Atomics.add(next, 0, 1); ;) {
      if (k < items.length && stack.lowest() > ITEM_LAYER) {
        const item = items[k]!;
        // The states on the way are visited (and counted) by whoever comes first, when the search
        // stores them at all (an entry, or a state with a choice; see settle); they are expanded
        // only through the items, so nothing is explored twice.
        for (const p of item.path) if (p.entry || !isChain(expand(target, bounds, p.node, ALL_REDUCTIONS))) visit(p.node);
        if (item.start) explore(item.start.node, item.start.entry);
        k = Atomics.add(next, 0, 1);
        continue;
      }
      const s = stack.pop();
      if (s !== undefined) {
        explore(s.node, true);
        if (++sinceLook >= donateEvery) {
          sinceLook = 0;
          if (stack.size >= 2 && mail.wanted()) result.handedOver += handOver(stack, mail);
        }
        continue;
      }
      const given = mail.take(() => {
        visited.letGrow();
        ended.letGrow();
      }) as Array<Node<unknown>> | undefined;
      if (!given) return;
      for (const n of given) stack.push({ node: adopted(n) }, n.ops);
    }
  }
}

/**
 * A state handed over, as this thread's own: its monitor state swapped for the equal interned
 * one, and every field listed, so TypeScript refuses a node that misses one (see withHmap in
 * spec/hmap/state.ts on literals against spreads).
 */
function adopted(n: Node<unknown>): Node<unknown> {
  return { s: n.s, mon: adoptMonitor(n.mon), overlap: n.overlap, broken: n.broken, crash: n.crash, ops: n.ops, last: n.last, preempted: n.preempted, names: n.names };
}

/**
 * Items are taken while nothing waits at or below this layer: they start one or two operations
 * in, and a state must never come below a layer the stack has moved past.
 */
const ITEM_LAYER = 1;

/** How often a busy participant looks for a hungry one: every this many states it explores. */
const DONATE_EVERY = 64;

/** The most states handed over at once. */
const HAND_OVER_MAX = 512;

/** Posts the oldest states of the lowest layer, or keeps them if the mailbox cannot take them; returns how many it posted. */
function handOver(stack: OpLayers<{ readonly node: Node<unknown> }>, mail: Mailbox): number {
  const taken = stack.takeOldest(HAND_OVER_MAX);
  // Their states are computed now if they were not yet (a start's successor waits uncomputed).
  if (mail.post(taken.map((t) => t.node))) return taken.length;
  for (const t of taken) stack.push(t, t.node.ops);
  return 0;
}

/** Longest a participant waits for the others to be ready before it starts anyway. */
const START_WAIT_MS = 30_000;

/**
 * Waits until every participant is ready (control[1] counts them). The first work items reach
 * most of the state space (the visited set is shared, so whoever takes a piece first takes all
 * it reaches), and a participant that started alone while a worker thread was still loading its
 * modules ran the first piece alone while the others, done with the rest, had nothing left:
 * measured at sync.Map depth 5, 32 s on one piece of 680 against 24 s for the other 679.
 * Starting together, the first pieces are raced for. A participant that never comes (its
 * thread failed) costs START_WAIT_MS, after which the others start without it and the failure
 * is reported from its thread's error.
 *
 * Returns whether this participant takes part. The first to go fixes who does: those ready by
 * then (control[2]). One that comes later still takes no part, and `absent` is called once with
 * how many never came in time, so the shared tables stop counting on them.
 */
export function startTogether(control: Int32Array, participants: number, absent: (count: number) => void = () => {}, waitMs = START_WAIT_MS): boolean {
  const arrival = Atomics.add(control, 1, 1);
  const until = performance.now() + waitMs;
  for (let ready = Atomics.load(control, 1); ready < participants && performance.now() < until; ready = Atomics.load(control, 1)) {
    Atomics.wait(control, 1, ready, 10);
  }
  Atomics.notify(control, 1);
  // Arrivals count from 0, so `control[2] - 1` ready ones take part (0 means not fixed yet).
  const ready = Math.min(Atomics.load(control, 1), participants);
  const fixed = Atomics.compareExchange(control, 2, 0, ready + 1);
  if (fixed === 0 && ready < participants) absent(participants - ready);
  return arrival < (fixed === 0 ? ready : fixed - 1);
}

/**
 * The search's stack, one per number of operations started: depth-first within a layer, and a
 * layer only once every layer below it is done.
 *
 * Why: the visited set keeps, per state, the most budget (operations still to start) it was
 * explored with, and explores a state again when it meets it with more. A plain depth-first
 * search meets many states first along a path that started more operations than the shortest
 * way there (a Store, a Load, then the Load's state again after a second Load), and explored
 * them again, with all they reach, when the shorter way came: at depth 5, 16-27 % of the
 * explorations were such repeats. Taken in layers, a state is first met with its most budget:
 * every way to it with fewer operations runs through states of lower layers only (a step never
 * lowers the count), and those were all taken before this layer began; a state on such a way that
 * was skipped had been explored with at least as much budget, and so had what it reaches. So no
 * state is explored twice, and the states, end states and verdicts are the plain search's: only
 * the order changes, which the reports do not depend on (state keys are canonical).
 *
 * The cost is memory: what waits in higher layers is held until they come, where a depth-first
 * stack holds only the siblings along one path. What waits there is always an operation's start,
 * and those successors compute their states only when taken (node.ts, `successorOf`), so a
 * parent with a dozen starts waiting is held once, not as a dozen states.
 */
export class OpLayers<T> {
  private readonly layers: T[][] = [];
  private current = 0;
  private held = 0;
  /** The most items held at once (what the layers cost in memory; tests and measurements read it). */
  peak = 0;

  /** `layered` false: one stack, the plain depth-first search (tests compare the two). */
  constructor(private readonly layered = true) {}

  /** Adds an item whose state has started `ops` operations. */
  push(item: T, ops: number): void {
    const layer = this.layered ? ops : 0;
    // Empty, the stack may start again lower down (states handed over in a parallel search).
    if (layer < this.current && this.held === 0) this.current = layer;
    if (layer < this.current) throw new Error(`a state with ${ops} operations started came after layer ${this.current}`);
    (this.layers[layer] ??= []).push(item);
    if (++this.held > this.peak) this.peak = this.held;
  }

  /** The lowest layer holding an item, or Infinity when every layer is empty. */
  lowest(): number {
    for (let layer = this.current; layer < this.layers.length; layer++) if (this.layers[layer]?.length) return layer;
    return Infinity;
  }

  /** How many items are held. */
  get size(): number {
    return this.held;
  }

  /**
   * Removes and returns up to `max` of the items that have waited longest in the lowest layer
   * (half of them, leaving the other half), to hand to another participant.
   */
  takeOldest(max: number): T[] {
    const layer = this.lowest();
    if (layer === Infinity) return [];
    const items = this.layers[layer]!;
    const taken = items.splice(0, Math.min(max, Math.ceil(items.length / 2)));
    this.held -= taken.length;
    return taken;
  }

  /** The next item to explore, or undefined when every layer is empty. */
  pop(): T | undefined {
    for (; this.current < this.layers.length; this.current++) {
      const item = this.layers[this.current]?.pop();
      if (item !== undefined) {
        this.held--;
        return item;
      }
    }
    return undefined;
  }
}

/**
 * Pushes the successors of a state that has started `ops` operations, the first to be taken
 * first: a step stays in its layer, an operation's start goes one layer up.
 */
export function pushSuccessors<T>(stack: OpLayers<T>, ops: number, next: ReadonlyArray<T & { readonly edge: { readonly op: unknown } }>): void {
  for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!, ops + (next[i]!.edge.op ? 1 : 0));
}

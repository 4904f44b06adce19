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
 * The cost is memory: the states waiting in higher layers are held whole, where a depth-first
 * stack holds only the siblings along one path.
 */
export class OpLayers<N extends { ops: number }> {
  private readonly layers: N[][] = [];
  private current = 0;
  private held = 0;
  /** The most states held at once (for the memory notes). */
  peak = 0;

  /** `layered` false: one stack, the plain depth-first search (tests compare the two). */
  constructor(private readonly layered = true) {}

  push(n: N): void {
    const layer = this.layered ? n.ops : 0;
    if (layer < this.current) throw new Error(`a state with ${n.ops} operations started came after layer ${this.current}`);
    (this.layers[layer] ??= []).push(n);
    if (++this.held > this.peak) this.peak = this.held;
  }

  /** The next state to explore, or undefined when every layer is empty. */
  pop(): N | undefined {
    for (; this.current < this.layers.length; this.current++) {
      const n = this.layers[this.current]?.pop();
      if (n !== undefined) {
        this.held--;
        return n;
      }
    }
    return undefined;
  }
}

/**
 * A binary min-heap of node ids by (cost, id): the id breaks ties so the search order, and with
 * it every witness, is the same on every run.
 */
export class MinQueue {
  private costs: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  push(cost: number, id: number): void {
    this.costs.push(cost);
    this.ids.push(id);
    let i = this.ids.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): number | undefined {
    const n = this.ids.length;
    if (n === 0) return undefined;
    const top = this.ids[0]!;
    this.swap(0, n - 1);
    this.costs.pop();
    this.ids.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n - 1 && this.less(l, m)) m = l;
      if (r < n - 1 && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const ca = this.costs[a]!;
    const cb = this.costs[b]!;
    return ca < cb || (ca === cb && this.ids[a]! < this.ids[b]!);
  }

  private swap(a: number, b: number): void {
    [this.costs[a], this.costs[b]] = [this.costs[b]!, this.costs[a]!];
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
  }
}

/** Witness order: fewest operations, then fewest context switches, then fewest steps. */
export function packCost(ops: number, switches: number, steps: number): number {
  return (ops * 8192 + switches) * 65536 + steps;
}

export function unpackCost(cost: number): { ops: number; switches: number; steps: number } {
  const steps = cost % 65536;
  const rest = (cost - steps) / 65536;
  return { ops: Math.floor(rest / 8192), switches: rest % 8192, steps };
}

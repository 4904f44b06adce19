/**
 * Data independence: the specs only copy values and compare them for equality, so two states
 * that differ by a one-to-one renaming of values have the same futures up to that renaming.
 * Naming values by first appearance in a canonical walk makes such states encode alike.
 * 0 (Go's zero value, "absent") is never renamed.
 */
export class ValueNamer {
  private readonly names = new Map<number, number>();

  name(v: number): number {
    if (v === 0) return 0;
    let n = this.names.get(v);
    if (n === undefined) {
      n = this.names.size + 1;
      this.names.set(v, n);
    }
    return n;
  }

  /** How many values have names: the next value met is named this plus one. */
  get named(): number {
    return this.names.size;
  }

  /** The name v already has, or undefined: looks without naming. */
  peek(v: number): number | undefined {
    return v === 0 ? 0 : this.names.get(v);
  }

  /** Which value got which name, as text: equal for two namers that named alike. */
  signature(): string {
    return [...this.names].map(([v, n]) => `${v}:${n}`).sort().join(',');
  }

  /** An independent copy, to try a naming order and throw it away. */
  clone(): ValueNamer {
    const c = new ValueNamer();
    for (const [v, n] of this.names) c.names.set(v, n);
    return c;
  }
}

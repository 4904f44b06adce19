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
}

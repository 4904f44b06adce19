/**
 * Data independence: the specs only copy values and compare them for equality, so two states
 * that differ by a one-to-one renaming of values have the same futures up to that renaming.
 * Naming values by first appearance in a canonical walk makes such states encode alike.
 * 0 (Go's zero value, "absent") is never renamed.
 */
export class ValueNamer {
  /**
   * The raw values in the order they were named: value raw[i] is named i + 1. A state holds a
   * handful of values (one per operation at most, and the monitor's), so indexOf beats a Map,
   * which cost a hash table per goroutine order of every state key.
   */
  private readonly raw: number[] = [];

  name(v: number): number {
    if (v === 0) return 0;
    const i = this.raw.indexOf(v);
    return i < 0 ? this.raw.push(v) : i + 1;
  }

  /** How many values have names: the next value met is named this plus one. */
  get named(): number {
    return this.raw.length;
  }

  /** The raw values named so far, in naming order (raw value namedValues[i] has name i + 1). */
  get namedValues(): readonly number[] {
    return this.raw;
  }

  /** The name v already has, or undefined: looks without naming. */
  peek(v: number): number | undefined {
    if (v === 0) return 0;
    const i = this.raw.indexOf(v);
    return i < 0 ? undefined : i + 1;
  }

  /** Which value got which name, as text: equal for two namers that named alike. */
  signature(): string {
    return this.raw.map((v, i) => `${v}:${i + 1}`).sort().join(',');
  }

  /** Forgets every name, to be used again from scratch; returns itself. */
  reset(): this {
    this.raw.length = 0;
    return this;
  }

  /** An independent copy, to try a naming order and throw it away. */
  clone(): ValueNamer {
    const c = new ValueNamer();
    c.raw.push(...this.raw);
    return c;
  }
}

/**
 * Key symmetry, the same argument for keys: a target whose keys are only copied and compared
 * for equality (Target.keySymmetric) has, in two states that differ by a one-to-one renaming of
 * keys, the same futures up to that renaming, provided every operation on every key stays
 * possible (the explorer offers each operation on each key alike). Keys are named 0, 1, ... by
 * first appearance in the canonical walk. Raw keys are 0..keys-1.
 */
export class KeyNamer {
  private readonly names: number[];
  private count = 0;

  constructor(readonly keys: number) {
    this.names = new Array<number>(keys).fill(-1);
  }

  name(k: number): number {
    let n = this.names[k];
    if (n === undefined) throw new Error(`the spec is inconsistent: key ${k} is outside 0..${this.keys - 1}`);
    if (n < 0) this.names[k] = n = this.count++;
    return n;
  }

  /** Forgets every name, to be used again from scratch; returns itself. */
  reset(): this {
    this.names.fill(-1);
    this.count = 0;
    return this;
  }

  /** The name k already has, or undefined: looks without naming. */
  peek(k: number): number | undefined {
    const n = this.names[k];
    return n === undefined || n < 0 ? undefined : n;
  }

  /** How many keys have names. */
  get named(): number {
    return this.count;
  }

  /** The keys without a name yet, in raw order. */
  unnamed(): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.keys; k++) if (this.names[k]! < 0) out.push(k);
    return out;
  }

  /** The renaming, once every key has a name: name[raw] and its inverse raw[name]. */
  renaming(): KeyRenaming {
    if (this.count !== this.keys) throw new Error('the explorer is inconsistent: a key has no name yet');
    const raw = new Array<number>(this.keys);
    this.names.forEach((n, k) => (raw[n] = k));
    return { name: this.names.slice(), raw };
  }

  /** An independent copy, to try a naming order and throw it away. */
  clone(): KeyNamer {
    const c = new KeyNamer(this.keys);
    c.names.splice(0, this.keys, ...this.names);
    c.count = this.count;
    return c;
  }
}

/** A complete renaming of keys: name[k] is raw key k's name, raw[n] the key named n. */
export interface KeyRenaming {
  readonly name: readonly number[];
  readonly raw: readonly number[];
}

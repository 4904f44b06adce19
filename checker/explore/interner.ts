/**
 * Values numbered by a text that identifies them: equal texts get one id, ids count up from 0 in
 * the order first seen, and an id gives the value back. The partial-order reduction interns its
 * footprints, access sets and summaries this way so it can compare and memoise small integers.
 */
export class Interner<T> {
  private readonly ids = new Map<string, number>();
  private readonly values: T[] = [];

  /** The id of the value `text` identifies; `make` builds it the first time. */
  id(text: string, make: () => T): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(make());
      this.ids.set(text, id);
    }
    return id;
  }

  get(id: number): T {
    return this.values[id]!;
  }
}

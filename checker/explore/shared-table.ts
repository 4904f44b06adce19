import { fingerprint } from './fingerprints.js';

/**
 * The visited set of a parallel search: FingerprintTable's open addressing, laid out in
 * SharedArrayBuffers so every worker thread sees one table. A slot is claimed by a CAS of its
 * third word from free (0) to BUSY, then its other two words are written and the third gets its
 * real value: a reader that meets BUSY waits for that instant, so no fingerprint is ever read
 * half written and no key gets two slots. The payload (the most operations a state was explored
 * with budget for) only grows, by CAS. The table cannot grow while workers run: it is sized up
 * front and says so when it fills.
 */
export class SharedFingerprintTable {
  private readonly slots: Int32Array;
  private readonly payload: Int32Array;
  /** [0]: states held. */
  private readonly counters: Int32Array;
  private readonly mask: number;

  static create(log2Capacity: number): SharedFingerprintTable {
    const capacity = 1 << log2Capacity;
    return new SharedFingerprintTable({
      slots: new SharedArrayBuffer(12 * capacity), payload: new SharedArrayBuffer(4 * capacity), counters: new SharedArrayBuffer(8),
    });
  }

  constructor(readonly buffers: { slots: SharedArrayBuffer; payload: SharedArrayBuffer; counters: SharedArrayBuffer }) {
    this.slots = new Int32Array(buffers.slots);
    this.payload = new Int32Array(buffers.payload);
    this.counters = new Int32Array(buffers.counters);
    this.mask = this.payload.length - 1;
  }

  get size(): number {
    return Atomics.load(this.counters, 0);
  }

  get bytes(): number {
    return this.slots.byteLength + this.payload.byteLength;
  }

  /**
   * Records that `key` is to be explored with `budget` operations left. Returns whether it was
   * new, and whether the caller should explore it: new, or met before only with less budget.
   */
  claim(key: string, budget: number): { isNew: boolean; explore: boolean } {
    const [a, b, c0] = fingerprint(key);
    const c = c0 === 0 || c0 === BUSY_U32 ? 1 : c0;
    const ia = a | 0;
    const ib = b | 0;
    const ic = c | 0;
    for (let i = a & this.mask, probes = 0; ; i = (i + 1) & this.mask, probes++) {
      if (probes > this.mask) throw new TableFullError(this.mask + 1);
      const s = 3 * i;
      let third = Atomics.load(this.slots, s + 2);
      if (third === 0) {
        if (Atomics.compareExchange(this.slots, s + 2, 0, BUSY) === 0) {
          if (4 * (Atomics.add(this.counters, 0, 1) + 1) > 3 * (this.mask + 1)) throw new TableFullError(this.mask + 1);
          Atomics.store(this.slots, s, ia);
          Atomics.store(this.slots, s + 1, ib);
          Atomics.store(this.payload, i, budget);
          Atomics.store(this.slots, s + 2, ic);
          Atomics.notify(this.slots, s + 2);
          return { isNew: true, explore: true };
        }
        third = Atomics.load(this.slots, s + 2);
      }
      // Another worker is writing this slot: wait until its fingerprint is all there.
      while (third === BUSY) {
        Atomics.wait(this.slots, s + 2, BUSY, 1);
        third = Atomics.load(this.slots, s + 2);
      }
      if (third !== ic || Atomics.load(this.slots, s) !== ia || Atomics.load(this.slots, s + 1) !== ib) continue;
      for (let old = Atomics.load(this.payload, i); old < budget; old = Atomics.load(this.payload, i)) {
        if (Atomics.compareExchange(this.payload, i, old, budget) === old) return { isNew: false, explore: true };
      }
      return { isNew: false, explore: false };
    }
  }
}

/** Marks a slot being written (never a real third word: claim maps it to 1). */
const BUSY = -1;
const BUSY_U32 = 0xffff_ffff;

export class TableFullError extends Error {
  constructor(capacity: number) {
    super(`the parallel search's visited set (room for ${capacity.toLocaleString('en-US')} states) is three quarters full; --workers 1 uses a table that grows`);
  }
}

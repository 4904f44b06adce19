import { fingerprint } from './fingerprints.js';

/**
 * The visited set of a parallel search: FingerprintTable's open addressing, laid out in one
 * SharedArrayBuffer so every worker thread sees one table, four words a slot (the
 * fingerprint's three, then the payload: the most operations a state was explored with budget
 * for). A slot is claimed by a CAS of its third word from free (0) to BUSY, then its other words
 * are written and the third gets its real value: a reader that meets BUSY waits for that
 * instant, so no fingerprint is ever read half written and no key gets two slots. The payload
 * only grows, by CAS.
 *
 * The table grows as the single search's does, doubling when three quarters full, rather than
 * being sized for the largest search up front: a table spread over 256 MiB made every claim a
 * miss in the caches and the TLB (sync.Map at depth 5 on two threads: 11.4-11.5 s with 2^24
 * slots, 10.3-10.4 s with 2^20, and twice the system time). It grows within a buffer of its
 * largest size, allocated up front: the slots in use are its first 2^LOG2, and the pages past
 * them are never touched, so they cost address space only. A growable SharedArrayBuffer would
 * say the same with less address space, but every Atomics operation on a view of one asks the
 * buffer its length first: a load took 29 ns instead of 6 here. Growing moves every fingerprint, so
 * no participant may touch the table meanwhile: the one whose claim filled it asks
 * (control[REQUEST]), every other participant stops at its next claim (or `letGrow`), and the
 * one who asked rehashes once all have stopped, or have left the search (`leave`: a participant
 * with no work left never touches the table again). shared-table.pml models this barrier for
 * SPIN, which finds no claim overlapping a growth and nobody left waiting.
 */
export class SharedFingerprintTable {
  /** The whole buffer; the slots in use are its first 2^control[LOG2]. */
  private readonly slots: Int32Array;
  private readonly control: Int32Array;

  /** A table of 2^log2Capacity slots that grows up to 2^log2Max, for `participants` threads. */
  static create(log2Capacity: number, log2Max: number, participants: number): SharedFingerprintTable {
    const slots = new SharedArrayBuffer(SLOT_BYTES * 2 ** log2Max);
    const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
    control[LOG2] = log2Capacity;
    control[LOG2_MAX] = log2Max;
    control[ACTIVE] = participants;
    return new SharedFingerprintTable({ slots, control: control.buffer as SharedArrayBuffer });
  }

  constructor(readonly buffers: { slots: SharedArrayBuffer; control: SharedArrayBuffer }) {
    this.slots = new Int32Array(buffers.slots);
    this.control = new Int32Array(buffers.control);
  }

  get size(): number {
    return Atomics.load(this.control, COUNT);
  }

  /**
   * Every fingerprint held, three words each, as FingerprintTable.triples gives them (a test
   * compares a parallel search's states with the single search's by them). Only once the
   * search is over: it reads the slots without claiming them.
   */
  triples(): Uint32Array {
    const used = 4 << Atomics.load(this.control, LOG2);
    const out: number[] = [];
    for (let s = 0; s < used; s += 4) if (this.slots[s + 2] !== 0) out.push(this.slots[s]!, this.slots[s + 1]!, this.slots[s + 2]!);
    return Uint32Array.from(out, (w) => w >>> 0);
  }

  /** Bytes of the slots in use (the rest of the buffer was never touched). */
  get bytes(): number {
    return SLOT_BYTES << Atomics.load(this.control, LOG2);
  }

  /**
   * Records that `key` is to be explored with `budget` operations left. Returns whether it was
   * new, and whether the caller should explore it: new, or met before only with less budget.
   */
  claim(key: string, budget: number): { isNew: boolean; explore: boolean } {
    return this.claimPrint(fingerprint(key), budget);
  }

  /** claim() for a key's fingerprint, worked out already (classes.ts, stateFingerprint). */
  claimPrint([a, b, c0]: readonly [number, number, number], budget: number): { isNew: boolean; explore: boolean } {
    this.letGrow();
    const c = c0 === 0 || c0 === BUSY_U32 ? 1 : c0;
    const ia = a | 0;
    const ib = b | 0;
    const ic = c | 0;
    // Read at every claim, not kept: another participant may have grown the table since.
    const mask = (1 << Atomics.load(this.control, LOG2)) - 1;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      const s = 4 * i;
      let third = Atomics.load(this.slots, s + 2);
      if (third === 0) {
        if (Atomics.compareExchange(this.slots, s + 2, 0, BUSY) === 0) {
          const count = Atomics.add(this.control, COUNT, 1) + 1;
          // Plain stores, published by the atomic store of the third word (readers load it first).
          // Nobody is woken: a reader that meets BUSY spins, then sleeps a millisecond at a time;
          // notify takes a lock every thread shares, and this runs at every new state.
          this.slots[s] = ia;
          this.slots[s + 1] = ib;
          this.slots[s + 3] = budget;
          Atomics.store(this.slots, s + 2, ic);
          // Every other participant claims at most one more before it stops: room enough.
          if (4 * count > 3 * (mask + 1)) this.grow();
          return { isNew: true, explore: true };
        }
        third = Atomics.load(this.slots, s + 2);
      }
      // Another participant is writing this slot: wait until its fingerprint is all there.
      for (let spins = 0; third === BUSY; spins++) {
        if (spins >= BUSY_SPINS) Atomics.wait(this.slots, s + 2, BUSY, 1);
        third = Atomics.load(this.slots, s + 2);
      }
      if (third !== ic || Atomics.load(this.slots, s) !== ia || Atomics.load(this.slots, s + 1) !== ib) continue;
      for (let old = Atomics.load(this.slots, s + 3); old < budget; old = Atomics.load(this.slots, s + 3)) {
        if (Atomics.compareExchange(this.slots, s + 3, old, budget) === old) return { isNew: false, explore: true };
      }
      return { isNew: false, explore: false };
    }
  }

  /**
   * Stops here while another participant grows the table, if one asked. Every claim does this
   * first; a participant that claims in this table seldom (the end states) must also call it
   * often, or a participant growing it would wait for that one's next claim.
   */
  letGrow(): void {
    const asked = Atomics.load(this.control, REQUEST);
    if (asked !== 0) this.stopForGrowth(asked);
  }

  /** Says this participant will not touch the table again, so growing it need not wait for it. */
  leave(): void {
    Atomics.sub(this.control, ACTIVE, 1);
    Atomics.notify(this.control, ARRIVED);
  }

  /** Doubles the table, or, if another participant asked first, stops while it does. */
  private grow(): void {
    const log2 = Atomics.load(this.control, LOG2);
    if (log2 >= Atomics.load(this.control, LOG2_MAX)) throw new TableFullError(1 << log2);
    const asked = Atomics.compareExchange(this.control, REQUEST, 0, log2 + 1);
    if (asked !== 0) return this.stopForGrowth(asked);
    Atomics.add(this.control, ARRIVED, 1);
    this.waitUntil(() => Atomics.load(this.control, ARRIVED) >= Atomics.load(this.control, ACTIVE), ARRIVED);
    this.rehash(log2 + 1);
    Atomics.store(this.control, ARRIVED, 0);
    Atomics.store(this.control, REQUEST, 0);
    Atomics.notify(this.control, REQUEST);
  }

  /**
   * Waits at the barrier while the participant that asked grows the table to 2^asked slots.
   * A request is named by the size it asks for, so one that is done is told apart from the next
   * one: the asker may finish and ask again before this participant wakes, and must then find it
   * not yet arrived for the new request (it stops again at its next claim).
   */
  private stopForGrowth(asked: number): void {
    Atomics.add(this.control, ARRIVED, 1);
    Atomics.notify(this.control, ARRIVED);
    this.waitUntil(() => Atomics.load(this.control, REQUEST) !== asked, REQUEST);
  }

  /**
   * Waits until `done`, woken by any change of control[word] and never blocked for long (a
   * participant that died cannot hang the others for good); throws past GROWTH_WAIT_MS.
   */
  private waitUntil(done: () => boolean, word: number): void {
    const until = performance.now() + GROWTH_WAIT_MS;
    while (!done()) {
      if (performance.now() > until) throw new Error('the parallel search could not grow its visited set: a participant stopped answering');
      Atomics.wait(this.control, word, Atomics.load(this.control, word), 10);
    }
  }

  /** Moves every fingerprint into a table of 2^log2 slots; every other participant has stopped or left. */
  private rehash(log2: number): void {
    const held = this.slots.slice(0, 4 << Atomics.load(this.control, LOG2));
    this.slots.fill(0, 0, 4 << log2);
    const mask = (1 << log2) - 1;
    for (let s = 0; s < held.length; s += 4) {
      if (held[s + 2] === 0) continue;
      let i = held[s]! & mask;
      while (this.slots[4 * i + 2] !== 0) i = (i + 1) & mask;
      this.slots.set(held.subarray(s, s + 4), 4 * i);
    }
    Atomics.store(this.control, LOG2, log2);
  }
}

/** Bytes a slot takes: the fingerprint's three words and the payload. */
const SLOT_BYTES = 16;

/**
 * The control words: log2 of the slots, its limit, the log2 a growth asks for (0: none),
 * participants stopped for it, participants still searching; and states held, on a cache line
 * of its own: every new state adds to it, and every claim reads LOG2 and REQUEST, which must
 * not be thrown out of the other core's cache by that add.
 */
const LOG2 = 0;
const LOG2_MAX = 1;
const REQUEST = 2;
const ARRIVED = 3;
const ACTIVE = 4;
const COUNT = 16;
const CONTROL_WORDS = 32;

/** Loads of a slot being written before a reader sleeps: the writer is a few stores from done. */
const BUSY_SPINS = 1000;

/** Longest a participant waits at a growth before it gives up on the others. */
const GROWTH_WAIT_MS = 120_000;

/** Marks a slot being written (never a real third word: claim maps it to 1). */
const BUSY = -1;
const BUSY_U32 = 0xffff_ffff;

export class TableFullError extends Error {
  constructor(capacity: number) {
    super(`the parallel search's visited set (room for ${capacity.toLocaleString('en-US')} states) is three quarters full and at its largest; --workers 1 uses a table that grows without limit`);
  }
}

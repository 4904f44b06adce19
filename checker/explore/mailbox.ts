import { deserialize, serialize } from 'node:v8';

/**
 * How a participant of a parallel search with nothing left to do gets work from one that has
 * plenty: a one-slot mailbox in shared memory. The idle one says it is hungry and waits; a busy
 * one that sees someone hungry and the box empty puts some of its waiting states in it, as
 * bytes (the structured clone V8 uses between threads: states are plain data), and goes on.
 *
 * Why: each participant explores the work items it took layer by layer of operations started
 * across all of them (parallel-share.ts), so no state is explored first with less budget than
 * another way gives it; but what waits in a participant's layers is its own, and one would end
 * with nothing while the other still had thousands of states waiting. Handing over states from
 * the lowest layer (the most budget left, so the most to explore from them) keeps both busy.
 *
 * The search is over when every participant still in it is hungry and the box is empty: a
 * hungry participant cannot post, so none is left to. A participant that leaves (done, or
 * failed) is no longer counted, so the others never wait for one that is gone.
 */
export class Mailbox {
  private readonly control: Int32Array;
  private readonly data: Uint8Array;

  /** A mailbox for `participants` that holds up to `bytes` of states at once. */
  static create(participants: number, bytes = DEFAULT_BYTES): SharedArrayBuffer {
    const buffer = new SharedArrayBuffer(4 * CONTROL_WORDS + bytes);
    new Int32Array(buffer, 0, CONTROL_WORDS)[ACTIVE] = participants;
    return buffer;
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    this.control = new Int32Array(buffer, 0, CONTROL_WORDS);
    this.data = new Uint8Array(buffer, 4 * CONTROL_WORDS);
  }

  /** Whether a busy participant should post now: someone is hungry and the box is empty. */
  wanted(): boolean {
    return Atomics.load(this.control, HUNGRY) > 0 && Atomics.load(this.control, STATE) === EMPTY;
  }

  /**
   * Puts `items` in the box for a hungry participant. False when it cannot (another is posting,
   * the box is full, or they do not fit): the caller keeps them.
   */
  post(items: readonly unknown[]): boolean {
    if (Atomics.compareExchange(this.control, STATE, EMPTY, WRITING) !== EMPTY) return false;
    const bytes = serialize(items);
    if (bytes.length > this.data.length) {
      Atomics.store(this.control, STATE, EMPTY);
      return false;
    }
    this.data.set(bytes);
    Atomics.store(this.control, LENGTH, bytes.length);
    Atomics.store(this.control, STATE, FULL);
    Atomics.notify(this.control, STATE);
    return true;
  }

  /**
   * Waits, hungry, until a busy participant posts (returns what it posted) or the search is over
   * (undefined). `meanwhile` runs at every wake-up: a participant growing a shared table must
   * not wait for this one.
   */
  take(meanwhile: () => void = () => {}): unknown[] | undefined {
    Atomics.add(this.control, HUNGRY, 1);
    Atomics.notify(this.control, STATE);
    let lastChange = performance.now();
    let seen = -1;
    for (;;) {
      meanwhile();
      if (Atomics.load(this.control, DONE) !== 0) return undefined;
      if (Atomics.compareExchange(this.control, STATE, FULL, TAKING) === FULL) {
        const items = deserialize(this.data.slice(0, Atomics.load(this.control, LENGTH))) as unknown[];
        // No longer hungry before the box is empty again, so nobody sees all hungry and an empty box meanwhile.
        Atomics.sub(this.control, HUNGRY, 1);
        Atomics.store(this.control, STATE, EMPTY);
        Atomics.notify(this.control, STATE);
        return items;
      }
      const hungry = Atomics.load(this.control, HUNGRY);
      if (hungry >= Atomics.load(this.control, ACTIVE) && Atomics.load(this.control, STATE) === EMPTY) {
        Atomics.store(this.control, DONE, 1);
        Atomics.notify(this.control, STATE);
        return undefined;
      }
      if (hungry !== seen) {
        seen = hungry;
        lastChange = performance.now();
      } else if (performance.now() - lastChange > STALL_MS) {
        throw new Error('the parallel search stalled: a participant stopped answering while others waited for work');
      }
      Atomics.wait(this.control, STATE, Atomics.load(this.control, STATE), WAIT_MS);
    }
  }

  /** This participant is out of the search for good (done, or failed): the others stop counting on it. */
  leave(): void {
    Atomics.sub(this.control, ACTIVE, 1);
    Atomics.notify(this.control, STATE);
  }
}

/** Control words: participants waiting for work, participants in the search, the box's state, the bytes in it, and whether the search is over. */
const HUNGRY = 0;
const ACTIVE = 1;
const STATE = 2;
const LENGTH = 3;
const DONE = 4;
const CONTROL_WORDS = 8;

const EMPTY = 0;
const WRITING = 1;
const FULL = 2;
const TAKING = 3;

/** Room for a posting: a few thousand states of a kilobyte or less, shared parts sent once. */
const DEFAULT_BYTES = 16 << 20;

/** A hungry participant looks again at least this often (ms), whether woken or not. */
const WAIT_MS = 2;

/** Longest a hungry participant waits while nothing changes (no one comes or goes hungry) before it gives up. */
const STALL_MS = 600_000;

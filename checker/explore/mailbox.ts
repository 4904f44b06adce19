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
    const w = Atomics.load(this.control, BOX);
    return hungryIn(w) > 0 && stateIn(w) === EMPTY;
  }

  /**
   * Puts `items` in the box for a hungry participant. False when it cannot (another is posting,
   * the box is full, or they do not fit): the caller keeps them.
   */
  post(items: readonly unknown[]): boolean {
    if (!this.moveBox(EMPTY, WRITING, 0)) return false;
    const bytes = serialize(items);
    // Only the poster moves the box on from WRITING; the others change the hungry count only.
    if (bytes.length > this.data.length) {
      Atomics.sub(this.control, BOX, WRITING - EMPTY);
      return false;
    }
    this.data.set(bytes);
    Atomics.store(this.control, LENGTH, bytes.length);
    Atomics.add(this.control, BOX, FULL - WRITING);
    Atomics.notify(this.control, BOX);
    return true;
  }

  /**
   * Waits, hungry, until a busy participant posts (returns what it posted) or the search is over
   * (undefined). `meanwhile` runs at every wake-up: a participant growing a shared table must
   * not wait for this one.
   */
  take(meanwhile: () => void = () => {}): unknown[] | undefined {
    Atomics.add(this.control, BOX, ONE_HUNGRY);
    Atomics.notify(this.control, BOX);
    let lastChange = performance.now();
    let seen = -1;
    for (;;) {
      meanwhile();
      if (Atomics.load(this.control, DONE) !== 0) return undefined;
      // Taking the box and ceasing to be hungry are one step, so no participant ever sees all
      // hungry and the box empty while a posting is being read (see BOX).
      if (this.moveBox(FULL, TAKING, -ONE_HUNGRY)) {
        const items = deserialize(this.data.slice(0, Atomics.load(this.control, LENGTH))) as unknown[];
        Atomics.sub(this.control, BOX, TAKING - EMPTY);
        Atomics.notify(this.control, BOX);
        return items;
      }
      const w = Atomics.load(this.control, BOX);
      const hungry = hungryIn(w);
      if (stateIn(w) === EMPTY && hungry >= Atomics.load(this.control, ACTIVE)) {
        Atomics.store(this.control, DONE, 1);
        Atomics.notify(this.control, BOX);
        return undefined;
      }
      if (hungry !== seen) {
        seen = hungry;
        lastChange = performance.now();
      } else if (performance.now() - lastChange > STALL_MS) {
        throw new Error('the parallel search stalled: a participant stopped answering while others waited for work');
      }
      Atomics.wait(this.control, BOX, w, WAIT_MS);
    }
  }

  /** This participant is out of the search for good (done, or failed): the others stop counting on it. */
  leave(): void {
    Atomics.sub(this.control, ACTIVE, 1);
    Atomics.notify(this.control, BOX);
  }

  /** Moves the box from state `from` to `to` and the hungry count by `hungryBy`, in one step; false when the box is not in `from`. */
  private moveBox(from: number, to: number, hungryBy: number): boolean {
    for (let w = Atomics.load(this.control, BOX); stateIn(w) === from; w = Atomics.load(this.control, BOX)) {
      if (Atomics.compareExchange(this.control, BOX, w, w + hungryBy + to - from) === w) return true;
    }
    return false;
  }
}

/**
 * Control words: the box (below), participants in the search, the bytes in the box, and whether
 * the search is over.
 *
 * The box word holds both the participants waiting for work (times ONE_HUNGRY) and the box's
 * state, so the end of the search, all hungry and the box empty, is read in one load. Kept in
 * two words, a participant read the hungry count while another was taking a posting (still
 * counted hungry) and then the box, emptied by then: it ended the search, and the taker, busy
 * with what it took, later posted states nobody was left to take (seen under load: states the
 * single search stores missing from the parallel one's). mailbox.pml models both for SPIN, which
 * finds that lost posting in the two-word protocol and none in this one.
 */
const BOX = 0;
const ACTIVE = 1;
const LENGTH = 2;
const DONE = 3;
const CONTROL_WORDS = 8;

const ONE_HUNGRY = 4;
const hungryIn = (box: number): number => box >>> 2;
const stateIn = (box: number): number => box & 3;

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

import { SyncArenaFullError } from './errors.js';

/**
 * One sync.Map in one SharedArrayBuffer of int32 words:
 *
 *   header   16 words: the Map's fields (map.go:34-67), the arena's bump pointer, the lock
 *            timeout, the word whose address is `expunged`, and what attach() checks
 *   arena    every object the map ever allocates, bump-allocated and never reused:
 *              value cell  1 word: the int32 a *any points at (Go boxes each stored value)
 *              entry       1 word: e.p, which is NIL, EXPUNGED or the address of a value cell
 *              readOnly    2 words: m (a table address, NIL for a nil map), amended (0/1)
 *              table       a Go map[any]*entry (table.ts)
 *
 * A pointer is the word index of its object, so 0 is nil and zeroed memory is nil pointers, as
 * in Go. Nothing in the arena is ever written again once another goroutine can reach it, except
 * e.p (always through Atomics) and the dirty table (only with mu held).
 */
const MAGIC_WORD = 0;
const ARENA_CAP = 1;
const ARENA_NEXT = 2;
const READ = 3;
const DIRTY = 4;
const MISSES = 5;
/** mu's state word (mutex.ts): only ever accessed through Atomics. */
export const MU_WORD = 6;
const LOCK_TIMEOUT = 7;
const EXPUNGED_OBJECT = 8;
const HEADER_WORDS = 16;
const MAGIC = 0x736d6170; // 'smap'

export const NIL = 0;
/**
 * Go's `expunged = unsafe.Pointer(new(any))` (map.go:77): a pointer to an object nothing else
 * points at. Here the address of a reserved header word, so it differs from NIL and from every
 * value cell, whatever int32 the values are.
 */
export const EXPUNGED = EXPUNGED_OBJECT;

export interface ReadOnlyView {
  /** Address of the table, or NIL for a nil map. */
  m: number;
  amended: boolean;
}

export class SyncMemory {
  readonly i32: Int32Array;
  private readonly cap: number;

  /** Views an existing buffer; `init` lays out a fresh one. */
  constructor(readonly buffer: SharedArrayBuffer, init?: { arenaWords: number; lockTimeoutMs: number }) {
    this.i32 = new Int32Array(buffer);
    if (init) {
      this.i32[MAGIC_WORD] = MAGIC;
      this.i32[ARENA_CAP] = init.arenaWords;
      this.i32[LOCK_TIMEOUT] = init.lockTimeoutMs;
    } else if (this.i32.length < HEADER_WORDS || this.i32[MAGIC_WORD] !== MAGIC) {
      throw new Error('not a sync.Map buffer');
    }
    this.cap = this.i32[ARENA_CAP]!;
    if (this.i32.length < HEADER_WORDS + this.cap) throw new Error(`sync.Map buffer too small for its ${this.cap}-word arena`);
  }

  static byteLength(arenaWords: number): number {
    if (!Number.isSafeInteger(arenaWords) || arenaWords < 1 || HEADER_WORDS + arenaWords > 2 ** 31 - 1) {
      throw new RangeError(`arenaWords must be a positive integer below 2^31 - ${HEADER_WORDS}, not ${arenaWords}`);
    }
    return 4 * (HEADER_WORDS + arenaWords);
  }

  get lockTimeoutMs(): number {
    return this.i32[LOCK_TIMEOUT]!;
  }

  // ---- the allocator: like Go's malloc, atomic on its own, and never a modelled access ----
  /** `words` fresh zeroed words; `what` names the object for the error when they do not fit. */
  alloc(words: number, what: string): number {
    // A CAS loop rather than Atomics.add: a request that does not fit takes nothing, so the
    // message tells what is really left and a smaller request may still be served.
    for (;;) {
      const first = Atomics.load(this.i32, ARENA_NEXT);
      if (first + words > this.cap) throw new SyncArenaFullError(words, what, first, this.cap);
      if (Atomics.compareExchange(this.i32, ARENA_NEXT, first, first + words) === first) return HEADER_WORDS + first;
    }
  }

  /** Words handed out so far. */
  allocated(): number {
    return Atomics.load(this.i32, ARENA_NEXT);
  }

  // ---- m.read, an atomic.Value holding a readOnly ----
  loadRead(): number { return Atomics.load(this.i32, READ); }
  storeRead(ro: number): void { Atomics.store(this.i32, READ, ro); }

  /** readOnly{m, amended}: private until read.Store publishes it, immutable afterwards. */
  newReadOnly(m: number, amended: boolean): number {
    const ro = this.alloc(2, 'a readOnly');
    this.i32[ro] = m;
    this.i32[ro + 1] = amended ? 1 : 0;
    return ro;
  }

  /** A nil read (nothing stored yet) asserts to the zero readOnly, as map.go:111 does. */
  readOnly(ro: number): ReadOnlyView {
    return ro === NIL ? { m: NIL, amended: false } : { m: this.i32[ro]!, amended: this.i32[ro + 1] === 1 };
  }

  // ---- m.dirty and m.misses: plain words, touched only with mu held ----
  dirty(): number { return this.i32[DIRTY]!; }
  setDirty(t: number): void { this.i32[DIRTY] = t; }
  misses(): number { return this.i32[MISSES]!; }
  setMisses(n: number): void { this.i32[MISSES] = n; }

  // ---- entries and the values they point at ----
  /** A boxed value (Go's `&value`): written before any pointer to it is published. */
  newCell(value: number): number {
    const cell = this.alloc(1, 'a value');
    this.i32[cell] = value;
    return cell;
  }

  /** *(*any)(p): a cell never changes once published, so a plain read. */
  cell(p: number): number { return this.i32[p]!; }

  /** newEntry (map.go:103-105): private until put into dirty, so a plain initialising write. */
  newEntry(cell: number): number {
    const e = this.alloc(1, 'an entry');
    this.i32[e] = cell;
    return e;
  }

  loadP(e: number): number { return Atomics.load(this.i32, e); }
  storeP(e: number, p: number): void { Atomics.store(this.i32, e, p); }
  /** CompareAndSwapPointer(&e.p, old, next): whether it swapped. */
  casP(e: number, old: number, next: number): boolean {
    return Atomics.compareExchange(this.i32, e, old, next) === old;
  }
}

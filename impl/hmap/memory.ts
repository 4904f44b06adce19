import { NIL, PANIC_NIL_DEREF, WILD, WILD_ACCESS } from './constants.js';
import { ArenaFullError, goPanic, wildAccess } from './errors.js';

/**
 * The hmap and its buckets in one SharedArrayBuffer:
 *
 *   header   16 int32 words: the hmap fields (map.go:116-130), the arena's bump pointer, and what
 *            attach() checks (magic, bucketCnt, arena size)
 *   ends     one int32 per arena bucket: one past the last bucket of its allocation (0 = free);
 *            the allocator's own bookkeeping, like Go's span metadata, never a modelled access
 *   arena    the buckets: bucketCnt tophash bytes (padded to 4), bucketCnt int32 keys, bucketCnt
 *            int32 elems, one int32 overflow pointer
 *
 * Zeroed memory means what it means in Go: a nil pointer, an empty cell (emptyRest), a zero key
 * and elem. So pointers are stored as bucket id + 1 and keys as key index + 1 (the spec's key kN
 * is the Go int N+1); in local variables a pointer is a bucket id, NIL or WILD.
 *
 * Every access here is a plain typed-array read or write, as Go's are, except the flags Or and
 * the allocator's bump, which are atomic in Go too (sync/atomic Or8, and malloc's own locking).
 */
const COUNT = 0;
const FLAGS = 1;
const B_WORD = 2;
const NOVERFLOW = 3;
const BUCKETS = 4;
const OLDBUCKETS = 5;
const NEVACUATE = 6;
const EXTRA_OVERFLOW = 7;
const EXTRA_OLDOVERFLOW = 8;
const ARENA_NEXT = 9;
const ARENA_CAP = 10;
const BUCKET_CNT = 11;
const MAGIC_WORD = 12;
const HEADER_WORDS = 16;
const MAGIC = 0x676d6170; // 'gmap'

/** Where things are in the buffer for a given bucket size and arena size. */
export interface Layout {
  bucketCnt: number;
  arenaBuckets: number;
  /** Bytes of tophash per bucket, rounded up so the int32 words that follow are aligned. */
  topBytes: number;
  strideBytes: number;
  endsWord: number;
  arenaByte: number;
  byteLength: number;
}

export function layoutOf(bucketCnt: number, arenaBuckets: number): Layout {
  if (!Number.isInteger(bucketCnt) || bucketCnt < 1 || bucketCnt > 255) throw new RangeError(`bucketCnt must be 1..255, not ${bucketCnt}`);
  if (!Number.isInteger(arenaBuckets) || arenaBuckets < 1) throw new RangeError(`arenaBuckets must be a positive integer, not ${arenaBuckets}`);
  const topBytes = Math.ceil(bucketCnt / 4) * 4;
  const strideBytes = topBytes + 4 * (2 * bucketCnt + 1);
  const endsWord = HEADER_WORDS;
  const arenaByte = 4 * (endsWord + arenaBuckets);
  return { bucketCnt, arenaBuckets, topBytes, strideBytes, endsWord, arenaByte, byteLength: arenaByte + arenaBuckets * strideBytes };
}

export class HmapMemory {
  private readonly i32: Int32Array;
  private readonly u8: Uint8Array;
  readonly layout: Layout;
  private readonly n: number;
  private readonly cap: number;

  /** Views an existing buffer; `init` writes the header of a fresh one. */
  constructor(readonly buffer: SharedArrayBuffer, bucketCnt: number, init?: { arenaBuckets: number }) {
    this.i32 = new Int32Array(buffer);
    this.u8 = new Uint8Array(buffer);
    if (init) {
      this.i32[MAGIC_WORD] = MAGIC;
      this.i32[BUCKET_CNT] = bucketCnt;
      this.i32[ARENA_CAP] = init.arenaBuckets;
    } else if (this.i32[MAGIC_WORD] !== MAGIC || this.i32[BUCKET_CNT] !== bucketCnt) {
      throw new Error(`not a map buffer for bucketCnt ${bucketCnt}`);
    }
    this.layout = layoutOf(bucketCnt, this.i32[ARENA_CAP]!);
    if (buffer.byteLength < this.layout.byteLength) throw new Error(`map buffer too small: ${buffer.byteLength} < ${this.layout.byteLength} bytes`);
    this.n = bucketCnt;
    this.cap = this.layout.arenaBuckets;
  }

  // ---- hmap fields: plain loads and stores ----
  count(): number { return this.i32[COUNT]!; }
  setCount(v: number): void { this.i32[COUNT] = v; }
  flags(): number { return this.i32[FLAGS]!; }
  setFlags(v: number): void { this.i32[FLAGS] = v; }
  /** atomic.Or8(&h.flags, bits): the one atomic access of the map code (map.go:860). */
  orFlags(bits: number): void { Atomics.or(this.i32, FLAGS, bits); }
  B(): number { return this.i32[B_WORD]!; }
  setB(v: number): void { this.i32[B_WORD] = v; }
  noverflow(): number { return this.i32[NOVERFLOW]!; }
  setNoverflow(v: number): void { this.i32[NOVERFLOW] = v; }
  buckets(): number { return this.i32[BUCKETS]! - 1; }
  setBuckets(p: number): void { this.i32[BUCKETS] = p + 1; }
  oldbuckets(): number { return this.i32[OLDBUCKETS]! - 1; }
  setOldbuckets(p: number): void { this.i32[OLDBUCKETS] = p + 1; }
  nevacuate(): number { return this.i32[NEVACUATE]!; }
  setNevacuate(v: number): void { this.i32[NEVACUATE] = v; }
  /** h.extra.overflow and h.extra.oldoverflow, kept as whether the list exists (1) or is nil (0). */
  extraOverflow(): number { return this.i32[EXTRA_OVERFLOW]!; }
  setExtraOverflow(v: number): void { this.i32[EXTRA_OVERFLOW] = v; }
  extraOldoverflow(): number { return this.i32[EXTRA_OLDOVERFLOW]!; }
  setExtraOldoverflow(v: number): void { this.i32[EXTRA_OLDOVERFLOW] = v; }

  // ---- the allocator ----
  /**
   * newobject / makeBucketArray: `size` fresh zeroed buckets, contiguous; returns the first id.
   * Memory is never reused, so fresh memory is always zero, and a full arena is an error rather
   * than an overwrite of live buckets.
   */
  alloc(size: number): number {
    if (!Number.isSafeInteger(size) || size < 1 || size > this.cap) throw new ArenaFullError(size, this.allocated(), this.cap);
    const first = Atomics.add(this.i32, ARENA_NEXT, size);
    if (first + size > this.cap) throw new ArenaFullError(size, Math.min(first, this.cap), this.cap);
    const end = first + size;
    for (let id = first; id < end; id++) this.i32[this.layout.endsWord + id] = end;
    return first;
  }

  /** Number of buckets handed out so far. */
  allocated(): number {
    return Math.min(Atomics.load(this.i32, ARENA_NEXT), this.cap);
  }

  /** One past the last bucket of the allocation holding `id`, or 0 when `id` is not allocated. */
  allocationEnd(id: number): number {
    return id >= 0 && id < this.cap ? this.i32[this.layout.endsWord + id]! : 0;
  }

  /**
   * add(base, index*bucketsize): from nil it stays nil (an address near 0, which faults when
   * used); past the end of base's allocation it is WILD, which faults here when used (in Go it
   * would reach foreign memory).
   */
  ptr(base: number, index: number): number {
    if (base === NIL) return NIL;
    const end = this.allocationEnd(base);
    return end === 0 || base + index >= end ? WILD : base + index;
  }

  // ---- buckets: every access checks its pointer first ----
  tophash(b: number, i: number): number { return this.u8[this.topByte(b) + i]!; }
  setTophash(b: number, i: number, v: number): void { this.u8[this.topByte(b) + i] = v; }
  /** The key index stored in cell i (-1 for zeroed memory). */
  key(b: number, i: number): number { return this.i32[this.word(b) + i]! - 1; }
  setKey(b: number, i: number, k: number): void { this.i32[this.word(b) + i] = k + 1; }
  elem(b: number, i: number): number { return this.i32[this.word(b) + this.n + i]!; }
  setElem(b: number, i: number, v: number): void { this.i32[this.word(b) + this.n + i] = v; }
  overflow(b: number): number { return this.i32[this.word(b) + 2 * this.n]! - 1; }
  setOverflow(b: number, p: number): void { this.i32[this.word(b) + 2 * this.n] = p + 1; }
  /** memclr of one whole bucket: tophash, keys, elems and the overflow pointer. */
  clearBucket(b: number): void {
    const start = this.topByte(b);
    this.u8.fill(0, start, start + this.layout.strideBytes);
  }

  private topByte(b: number): number {
    this.check(b);
    return this.layout.arenaByte + b * this.layout.strideBytes;
  }

  private word(b: number): number {
    return (this.topByte(b) + this.layout.topBytes) >> 2;
  }

  /** A nil bucket pointer faults as in Go; a wild one or a free bucket stops the run here. */
  private check(b: number): void {
    if (b === NIL) throw goPanic(PANIC_NIL_DEREF);
    if (this.allocationEnd(b) === 0) throw wildAccess(WILD_ACCESS);
  }
}

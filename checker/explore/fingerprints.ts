/**
 * The visited set: 96-bit fingerprints of state keys in an open-addressing table of typed
 * arrays (12 bytes a state plus one byte of payload), instead of the keys themselves. Two
 * distinct states share a fingerprint with probability about n²/2^97: below 10^-11 for a billion
 * states. This is the hash compaction SPIN offers; the report says so.
 */
export class FingerprintTable {
  private slots: Uint32Array;
  private payload: Uint8Array;
  /** A second, 32-bit payload per state, for callers that keep more than a byte (the DPOR summaries). */
  private aux: Int32Array | undefined;
  private mask: number;
  private count = 0;

  constructor(log2Capacity = 14, withAux = false) {
    this.slots = new Uint32Array(3 << log2Capacity);
    this.payload = new Uint8Array(1 << log2Capacity);
    this.aux = withAux ? new Int32Array(1 << log2Capacity) : undefined;
    this.mask = (1 << log2Capacity) - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.slots.byteLength + this.payload.byteLength + (this.aux?.byteLength ?? 0);
  }

  /** The 32-bit payload stored for `key` (0 when absent or never set). */
  getAux(key: string): number {
    const [a, b, c] = fingerprint(key);
    const i = this.find(a, b, c);
    return this.isFree(i) || !this.aux ? 0 : this.aux[i]!;
  }

  /** Sets the 32-bit payload of a key already in the table. */
  setAux(key: string, value: number): void {
    const [a, b, c] = fingerprint(key);
    const i = this.find(a, b, c);
    if (this.isFree(i) || !this.aux) throw new Error('setAux: the key is not in the table, or the table keeps no second payload');
    this.aux[i] = value;
  }

  /** The payload stored for `key`, or -1 when absent. */
  get(key: string): number {
    const [a, b, c] = fingerprint(key);
    const i = this.find(a, b, c);
    return this.isFree(i) ? -1 : this.payload[i]!;
  }

  /** Stores `value` (0..254) for `key`; returns the previous payload or -1. */
  set(key: string, value: number): number {
    const [a, b, c] = fingerprint(key);
    return this.setTriple(a, b, c, value);
  }

  /**
   * Stores `value` (0..254) for a fingerprint unless it holds as much already; returns the
   * payload it held before, or -1 when it was absent. One probe where get() then set() take two.
   */
  raiseTriple(a: number, b: number, c: number, value: number): number {
    const i = this.find(a, b, c);
    if (this.isFree(i)) return this.setTriple(a, b, c, value);
    const old = this.payload[i]!;
    if (old < value) this.payload[i] = value;
    return old;
  }

  /** Every fingerprint held, three words each (for a shard's partial report). */
  triples(): Uint32Array {
    const out = new Uint32Array(3 * this.count);
    let n = 0;
    for (let i = 0; i <= this.mask; i++) {
      if (this.isFree(i)) continue;
      out.set(this.slots.subarray(3 * i, 3 * i + 3), n);
      n += 3;
    }
    return out;
  }

  /** set() for a fingerprint already computed (merging shards' tables); returns the previous payload or -1. */
  setTriple(a: number, b: number, c: number, value: number): number {
    let i = this.find(a, b, c);
    if (!this.isFree(i)) {
      const old = this.payload[i]!;
      this.payload[i] = value;
      return old;
    }
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) {
      this.grow();
      i = this.find(a, b, c);
    }
    this.slots[3 * i] = a;
    this.slots[3 * i + 1] = b;
    this.slots[3 * i + 2] = c || 1; // c === 0 marks a free slot
    this.payload[i] = value;
    this.count++;
    return -1;
  }

  private isFree(i: number): boolean {
    return this.slots[3 * i + 2] === 0;
  }

  private find(a: number, b: number, c: number): number {
    const cc = c || 1;
    for (let i = a & this.mask; ; i = (i + 1) & this.mask) {
      const s = 3 * i;
      if (this.slots[s + 2] === 0) return i;
      if (this.slots[s] === a && this.slots[s + 1] === b && this.slots[s + 2] === cc) return i;
    }
  }

  private grow(): void {
    const old = this.slots;
    const oldPayload = this.payload;
    const oldAux = this.aux;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Uint32Array(3 * capacity);
    this.payload = new Uint8Array(capacity);
    this.aux = oldAux ? new Int32Array(capacity) : undefined;
    this.mask = capacity - 1;
    for (let j = 0; j < oldPayload.length; j++) {
      const c = old[3 * j + 2]!;
      if (c === 0) continue;
      const a = old[3 * j]!;
      const b = old[3 * j + 1]!;
      const i = this.find(a, b, c);
      this.slots[3 * i] = a;
      this.slots[3 * i + 1] = b;
      this.slots[3 * i + 2] = c;
      this.payload[i] = oldPayload[j]!;
      if (oldAux) this.aux![i] = oldAux[j]!;
    }
  }
}

/**
 * Three independent 32-bit hashes of the key (murmur3-style mixing with different seeds) over
 * its UTF-8 bytes, four at a time. TextEncoder writes the bytes natively; reading the key one
 * UTF-16 unit at a time with charCodeAt cost about three times as much (0.8-1.4 µs for a sync.Map
 * state key of 179 characters against 0.40 µs), and every state the search meets is hashed.
 * Words are put together from bytes, not read through an Int32Array, so the fingerprint is the
 * same on every platform: shards of one run (checker/run/shard.ts) may run on different machines.
 */
export function fingerprint(key: string): [number, number, number] {
  return fingerprintAfter(NO_PREFIX, key);
}

/**
 * Where the hashes stand after the first part of a key: keys that share that part (a class's
 * target text, checker/explore/classes.ts) then hash only the rest, with fingerprintAfter.
 */
export interface HashPrefix {
  readonly h1: number;
  readonly h2: number;
  readonly h3: number;
  /** Bytes already mixed in: a multiple of four. */
  readonly mixed: number;
  /** The part's last bytes that did not fill a word, packed low byte first, and how many. */
  readonly tail: number;
  readonly tailBytes: number;
}

const NO_PREFIX: HashPrefix = { h1: 0x9747b28c, h2: 0x85ebca6b, h3: 0xc2b2ae35, mixed: 0, tail: 0, tailBytes: 0 };

/** The hashes after `text`, as the start of longer keys. */
export function hashPrefix(text: string): HashPrefix {
  const length = encoded(text, 0);
  const whole = length & ~3;
  mix(NO_PREFIX, keyBytes, whole);
  let tail = 0;
  for (let j = length - 1; j >= whole; j--) tail = (tail << 8) | keyBytes[j]!;
  return { h1: h[0]!, h2: h[1]!, h3: h[2]!, mixed: whole, tail, tailBytes: length - whole };
}

/**
 * fingerprint(text + rest + more) for the `prefix` hashPrefix(text) gave, hashing only `rest` and
 * `more` (two parts, so a caller need not join them first: the join was flattened to be hashed).
 */
export function fingerprintAfter(prefix: HashPrefix, rest: string, more = ''): [number, number, number] {
  const length = more === '' ? encoded(rest, prefix.tailBytes) : encoded(more, encoded(rest, prefix.tailBytes));
  const bytes = keyBytes;
  for (let j = 0; j < prefix.tailBytes; j++) bytes[j] = (prefix.tail >>> (8 * j)) & 0xff;
  const end = (length + 3) & ~3;
  for (let j = length; j < end; j++) bytes[j] = 0;
  mix(prefix, bytes, end);
  return finished(prefix.mixed + length);
}

/**
 * The fingerprint of bytes[0..length), `length` a multiple of four: for callers that write their
 * own words (data-hash.ts), so one mixing serves every fingerprint.
 */
export function fingerprintBytes(bytes: Uint8Array, length: number): [number, number, number] {
  mix(NO_PREFIX, bytes, length);
  return finished(length);
}

/** The hashes `mix` left in `h`, finished for a key of `total` bytes. */
function finished(total: number): [number, number, number] {
  return [fmix(h[0]! ^ total), fmix(h[1]! + total), fmix(h[2]! ^ 0x2545f491)];
}

/** Writes `text`'s UTF-8 bytes into keyBytes from `offset` on, growing it if need be; returns where they end. */
function encoded(text: string, offset: number): number {
  // UTF-8 takes at most three bytes per UTF-16 unit; three more pad the last word.
  if (offset + text.length * 3 + 3 > keyBytes.length) {
    // What is written already (a first part) goes along.
    const grown = new Uint8Array(2 ** Math.ceil(Math.log2(offset + text.length * 3 + 3)));
    grown.set(keyBytes.subarray(0, offset));
    keyBytes = grown;
    keyViews = viewsOf(keyBytes);
  }
  const view = keyViews[offset];
  if (view) return offset + UTF8.encodeInto(text, view).written;
  // Past the first word (a second part): short and ASCII as a rule, written here rather than
  // through a view made for it.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return offset + UTF8.encodeInto(text, keyBytes.subarray(offset)).written;
    keyBytes[offset + i] = c;
  }
  return offset + text.length;
}

/** Mixes bytes[0..end) (whole words) into the hashes `from`; the result is left in `h`. */
function mix(from: HashPrefix, bytes: Uint8Array, end: number): void {
  let h1 = from.h1;
  let h2 = from.h2;
  let h3 = from.h3;
  for (let i = 0; i < end; i += 4) {
    const k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h1 = Math.imul(h1 ^ k, 0x5bd1e995);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ k, 0x27d4eb2d);
    h2 ^= h2 >>> 13;
    h3 = Math.imul(h3 + k, 0x165667b1);
    h3 = (h3 << 13) | (h3 >>> 19);
  }
  h[0] = h1;
  h[1] = h2;
  h[2] = h3;
}

/** mix's result: three words, not a new array per key. */
const h = new Int32Array(3);

const UTF8 = new TextEncoder();

/** Where fingerprint writes a key's bytes: one buffer per thread, grown for a longer key. */
let keyBytes = new Uint8Array(1 << 12);

/** keyBytes from each offset a prefix's leftover bytes take (0-3): encodeInto writes from a view's start. */
let keyViews = viewsOf(keyBytes);

function viewsOf(bytes: Uint8Array): Uint8Array[] {
  return [0, 1, 2, 3].map((offset) => bytes.subarray(offset));
}

/**
 * A key's fingerprint as a six-unit string: a Map key of a few bytes in place of a text of
 * hundreds, with the fingerprint's odds of a clash (the count's memo and the witness search key
 * states by it).
 */
export function compactKey(key: string): string {
  return compactText(fingerprint(key));
}

/** A fingerprint as six UTF-16 units (compactKey's form). */
export function compactText([a, b, c]: readonly [number, number, number]): string {
  return String.fromCharCode(a & 0xffff, a >>> 16, b & 0xffff, b >>> 16, c & 0xffff, c >>> 16);
}

/** Murmur3's finalizer: spreads every bit of a hash over all of it. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

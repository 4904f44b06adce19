/**
 * A 96-bit fingerprint of plain data (numbers, strings, booleans, null, arrays and objects of
 * them) worked out by walking it, without writing its JSON first. The run memo (`soloRun` in
 * node.ts) keys every run start by a goroutine's state and the memory; JSON.stringify of those
 * few hundred characters took 2.5 µs and hashing the text 0.5-1 µs more, which was a tenth of
 * sharded-map's search.
 *
 * The walk writes one 32-bit word per token (a tag, a count, a small integer, a character, a
 * property name's number), each value starting with a tag that says its kind and, for strings,
 * arrays and objects, how many parts follow. So no two different values give the same words: two
 * values that JSON writes differently never do, and the three hashes over the words clash with
 * the fingerprints' odds (fingerprints.ts). It tells apart a little more than JSON does (an
 * undefined property from a missing one, NaN from null), which only costs a memo a hit.
 */
import { compactText, fingerprintBytes } from './fingerprints.js';

/** x's fingerprint as six UTF-16 units, as compactKey (fingerprints.ts) writes one. */
export function dataFingerprint(x: unknown): string {
  // Walked first: the walk may grow the buffer. Its words' bytes are in the platform's order,
  // which is as good as any, since the run memo's keys never leave the thread.
  const words = walk(x, 0);
  return compactText(fingerprintBytes(BYTES, words * 4));
}

/** The tags; a value's words start with one of these. */
const INT = 1;
const NUMBER = 2;
const STRING = 3;
const TRUE = 4;
const FALSE = 5;
const NULL = 6;
const UNDEFINED = 7;
const ARRAY = 8;
const OBJECT = 9;

/** Where the walk writes its words: one buffer per thread, grown when a value needs more; BYTES are its bytes. */
let WORDS = new Int32Array(1 << 12);
let BYTES = new Uint8Array(WORDS.buffer);

/** Writes x's words from `at` on; returns where they end. Recursive: plain data is a tree of a few levels. */
function walk(x: unknown, at: number): number {
  // The most a step below writes before the next check (a tag and a count, or a tag and an integer).
  if (at + 2 > WORDS.length) grow(at + 2);
  switch (typeof x) {
    case 'number':
      // Most numbers in a spec state are small integers (ids, counters, program points, values).
      // -0 is the integer 0 here, as JSON writes it; any other number goes by its shortest text.
      if ((x | 0) === x) {
        WORDS[at] = INT;
        WORDS[at + 1] = x;
        return at + 2;
      }
      WORDS[at] = NUMBER;
      return text(String(x), at + 1);
    case 'string':
      WORDS[at] = STRING;
      return text(x, at + 1);
    case 'boolean':
      WORDS[at] = x ? TRUE : FALSE;
      return at + 1;
    case 'undefined':
      WORDS[at] = UNDEFINED;
      return at + 1;
    case 'object': {
      if (x === null) {
        WORDS[at] = NULL;
        return at + 1;
      }
      if (Array.isArray(x)) {
        WORDS[at] = ARRAY;
        WORDS[at + 1] = x.length;
        at += 2;
        for (let i = 0; i < x.length; i++) at = walk(x[i], at);
        return at;
      }
      // Own enumerable properties in JSON's order; a spec state's objects inherit none.
      const keys = Object.keys(x);
      WORDS[at] = OBJECT;
      WORDS[at + 1] = keys.length;
      at += 2;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        if (at + 1 > WORDS.length) grow(at + 1);
        WORDS[at] = nameId(k);
        at = walk((x as Record<string, unknown>)[k], at + 1);
      }
      return at;
    }
    default:
      throw new Error(`dataFingerprint: a ${typeof x} is not plain data`);
  }
}

/** A string's length, then its UTF-16 units. */
function text(s: string, at: number): number {
  if (at + 1 + s.length > WORDS.length) grow(at + 1 + s.length);
  WORDS[at] = s.length;
  for (let i = 0; i < s.length; i++) WORDS[at + 1 + i] = s.charCodeAt(i);
  return at + 1 + s.length;
}

function grow(least: number): void {
  const grown = new Int32Array(2 ** Math.ceil(Math.log2(least)));
  grown.set(WORDS);
  WORDS = grown;
  BYTES = new Uint8Array(WORDS.buffer);
}

/**
 * A property name as one word: its number among the names met in this thread, so names are told
 * apart exactly (a hash of the name could clash) and hashed once. The names are the specs' field
 * and local variable names, a few dozen.
 */
function nameId(k: string): number {
  let id = NAME_IDS.get(k);
  if (id === undefined) NAME_IDS.set(k, (id = NAME_IDS.size));
  return id;
}

const NAME_IDS = new Map<string, number>();

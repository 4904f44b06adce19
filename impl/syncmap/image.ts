import { EXPUNGED, NIL, type SyncMemory } from './memory.js';
import { tableLookup, tablePairs } from './table.js';

/** What an entry's e.p points at: nil, expunged, or a value (the int32 in its box). */
export type PImage = 'nil' | 'expunged' | { value: number };

/**
 * A copy of the map's state in the spec's terms, taken without steps: only meaningful while no
 * operation runs. read.m's and dirty's pairs are in their tables' order, the order the keys were
 * added (tablePairs), as the spec keeps its maps: the conformance check compares them in order.
 */
export interface SyncMapImage {
  /** m.read: null before the first read.Store; its m is null for a nil map. */
  read: { m: Array<[key: number, p: PImage]> | null; amended: boolean } | null;
  /** m.dirty, null when nil; `shared` says the entry is the very one read.m has for the key. */
  dirty: Array<[key: number, p: PImage, shared: boolean]> | null;
  misses: number;
  locked: boolean;
}

export function imageOf(mem: SyncMemory, locked: boolean): SyncMapImage {
  const p = (e: number): PImage => {
    const ptr = mem.loadP(e);
    if (ptr === NIL) return 'nil';
    return ptr === EXPUNGED ? 'expunged' : { value: mem.cell(ptr) };
  };
  const ro = mem.loadRead();
  const read = mem.readOnly(ro);
  const dirty = mem.dirty();
  return {
    read: ro === NIL ? null : { m: read.m === NIL ? null : tablePairs(mem, read.m).map(([k, e]) => [k, p(e)]), amended: read.amended },
    dirty: dirty === NIL ? null : tablePairs(mem, dirty).map(([k, e]) => [k, p(e), tableLookup(mem, read.m, k) === e]),
    misses: mem.misses(),
    locked,
  };
}

/**
 * The map's contents as sync.Map's methods would see them: k holds v iff read.m's entry for k
 * holds v, or k is not in read.m, read is amended and dirty's entry for k holds v. In ascending
 * key order, unlike the tables: contents are a set of pairs, compared with the spec's by key.
 */
export function contentsOf(img: SyncMapImage): Map<number, number> {
  const out = new Map<number, number>();
  const inRead = new Set<number>();
  for (const [k, p] of img.read?.m ?? []) {
    inRead.add(k);
    if (typeof p === 'object') out.set(k, p.value);
  }
  if (img.read?.amended) {
    for (const [k, p] of img.dirty ?? []) if (!inRead.has(k) && typeof p === 'object') out.set(k, p.value);
  }
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

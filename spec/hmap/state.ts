import { NIL, ZERO_ELEM, ZERO_KEY } from './constants.js';

/** One bmap: bucketCnt cells and the overflow pointer (map.go:150-160). */
export interface Bucket {
  readonly tophash: readonly number[];
  readonly keys: readonly number[]; // key index, or ZERO_KEY in fresh memory
  readonly elems: readonly number[]; // operation value, or ZERO_ELEM
  readonly overflow: number; // bucket id of the next bucket in the chain, or NIL
}

/** One allocation: a bucket array (makeBucketArray) or a single overflow bucket (newobject). */
export interface Allocation {
  readonly first: number; // bucket id of its first bucket; the others follow contiguously
  readonly size: number; // number of buckets
}

/**
 * The shared state of one Go map: the hmap fields (map.go:116-130) and the heap of buckets.
 * A pointer to a bucket is its bucket id; pointer arithmetic past the end of an allocation is
 * a wild access. hash0 is not modelled: the hash table in the configuration is the hash for a
 * fixed seed. Of h.extra only whether the two overflow lists exist is kept (hashGrow throws on
 * it); their contents only keep overflow buckets alive for the GC, and h.extra itself is taken
 * as allocated from the start.
 */
export interface Hmap {
  readonly count: number; // live cells: len(m)
  readonly flags: number; // iterator | oldIterator | hashWriting | sameSizeGrow
  readonly B: number; // log2 of the number of buckets
  readonly noverflow: number; // approximate number of overflow buckets (exact here: B < 16)
  readonly buckets: number; // bucket id of the bucket array, or NIL before the first assign
  readonly oldbuckets: number; // previous bucket array while growing, else NIL
  readonly nevacuate: number; // old buckets below this are evacuated
  readonly extraOverflow: number; // h.extra.overflow: 1 once the overflow-bucket list exists, else 0 (nil)
  readonly extraOldoverflow: number; // h.extra.oldoverflow: 1 while a grow keeps the old list, else 0
  readonly heap: readonly Bucket[]; // indexed by bucket id
  readonly allocations: readonly Allocation[]; // in allocation order
}

export function freshBucket(bucketCnt: number): Bucket {
  return {
    tophash: new Array<number>(bucketCnt).fill(0),
    keys: new Array<number>(bucketCnt).fill(ZERO_KEY),
    elems: new Array<number>(bucketCnt).fill(ZERO_ELEM),
    overflow: NIL,
  };
}

/**
 * The map with the fields in `p` changed. A literal of every field rather than `{ ...h, ...p }`:
 * V8 copies a spread object and then redefines the overridden fields on a slow path, several
 * times slower than building a literal of one shape, and the search changes the map at most steps
 * (the same change made the SPIN comparison's search twice as fast; docs/performance.md).
 */
export function withHmap(h: Hmap, p: Partial<Hmap>): Hmap {
  return {
    count: p.count ?? h.count, flags: p.flags ?? h.flags, B: p.B ?? h.B, noverflow: p.noverflow ?? h.noverflow,
    buckets: p.buckets ?? h.buckets, oldbuckets: p.oldbuckets ?? h.oldbuckets, nevacuate: p.nevacuate ?? h.nevacuate,
    extraOverflow: p.extraOverflow ?? h.extraOverflow, extraOldoverflow: p.extraOldoverflow ?? h.extraOldoverflow,
    heap: p.heap ?? h.heap, allocations: p.allocations ?? h.allocations,
  };
}

/** Allocate `size` zeroed buckets; returns the new heap and the first bucket's id. */
export function allocate(h: Hmap, size: number, bucketCnt: number): { h: Hmap; first: number } {
  const first = h.heap.length;
  const heap = h.heap.slice();
  for (let i = 0; i < size; i++) heap.push(freshBucket(bucketCnt));
  return { h: withHmap(h, { heap, allocations: [...h.allocations, { first, size }] }), first };
}

/** The map right after make(): B from the configuration, buckets allocated when B > 0 (map.go:322-329). */
export function makeHmap(initialB: number, bucketCnt: number): Hmap {
  const empty: Hmap = {
    count: 0, flags: 0, B: initialB, noverflow: 0, buckets: NIL, oldbuckets: NIL, nevacuate: 0,
    extraOverflow: 0, extraOldoverflow: 0,
    heap: [], allocations: [],
  };
  if (initialB === 0) return empty;
  const { h, first } = allocate(empty, 1 << initialB, bucketCnt);
  return withHmap(h, { buckets: first });
}

/** The allocation a bucket id belongs to, or undefined for a wild id. */
export function allocationOf(h: Hmap, id: number): Allocation | undefined {
  for (const a of h.allocations) if (id >= a.first && id < a.first + a.size) return a;
  return undefined;
}

export function withBucket(h: Hmap, id: number, change: Partial<Bucket>): Hmap {
  const heap = h.heap.slice();
  const b = heap[id]!;
  heap[id] = { tophash: change.tophash ?? b.tophash, keys: change.keys ?? b.keys, elems: change.elems ?? b.elems, overflow: change.overflow ?? b.overflow };
  return withHmap(h, { heap });
}

export function withCell(h: Hmap, id: number, field: 'tophash' | 'keys' | 'elems', i: number, value: number): Hmap {
  const arr = h.heap[id]![field].slice();
  arr[i] = value;
  return withBucket(h, id, { [field]: arr });
}

import type { HmapMemory } from './memory.js';

/** One bucket as plain numbers: tophash bytes, key indexes (-1 zeroed), elems, overflow id (-1 nil). */
export interface BucketImage {
  tophash: number[];
  keys: number[];
  elems: number[];
  overflow: number;
}

/**
 * A copy of the whole map, read without scheduling points: the hmap fields, every allocated
 * bucket by id, and the allocations in order. Pointers are bucket ids (-1 nil) and keys key
 * indexes (-1 zeroed), the conventions of the spec's Hmap, so a harness can compare the two.
 */
export interface MapImage {
  count: number;
  flags: number;
  B: number;
  noverflow: number;
  buckets: number;
  oldbuckets: number;
  nevacuate: number;
  extraOverflow: number;
  extraOldoverflow: number;
  heap: BucketImage[];
  allocations: Array<{ first: number; size: number }>;
}

export function imageOf(m: HmapMemory): MapImage {
  const n = m.layout.bucketCnt;
  const heap: BucketImage[] = [];
  const allocations: MapImage['allocations'] = [];
  let end = 0;
  while (end < m.allocated()) {
    const next = m.allocationEnd(end);
    // A worker stopped between its bump and its bookkeeping (a crash mid-allocation): what
    // follows cannot be read as allocations.
    if (next <= end) break;
    allocations.push({ first: end, size: next - end });
    end = next;
  }
  const cells = [...Array(n).keys()];
  for (let b = 0; b < end; b++) {
    heap.push({
      tophash: cells.map((i) => m.tophash(b, i)),
      keys: cells.map((i) => m.key(b, i)),
      elems: cells.map((i) => m.elem(b, i)),
      overflow: m.overflow(b),
    });
  }
  return {
    count: m.count(), flags: m.flags(), B: m.B(), noverflow: m.noverflow(), buckets: m.buckets(),
    oldbuckets: m.oldbuckets(), nevacuate: m.nevacuate(), extraOverflow: m.extraOverflow(),
    extraOldoverflow: m.extraOldoverflow(), heap, allocations,
  };
}

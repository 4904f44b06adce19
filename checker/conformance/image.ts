import type { MapImage } from '../../impl/hmap/image.js';
import { liveCells } from '../../spec/hmap/contents.js';
import type { Hmap } from '../../spec/hmap/state.js';

/**
 * The implementation's memory as the spec's Hmap. The image already uses the spec's conventions
 * (bucket ids, -1 for nil and for a zeroed key), so this is a copy, typed so that a change to
 * either side shows up as a compile error here.
 */
export function imageToHmap(image: MapImage): Hmap {
  return {
    count: image.count, flags: image.flags, B: image.B, noverflow: image.noverflow, buckets: image.buckets,
    oldbuckets: image.oldbuckets, nevacuate: image.nevacuate, extraOverflow: image.extraOverflow,
    extraOldoverflow: image.extraOldoverflow,
    heap: image.heap.map((b) => ({ tophash: [...b.tophash], keys: [...b.keys], elems: [...b.elems], overflow: b.overflow })),
    allocations: image.allocations.map((a) => ({ ...a })),
  };
}

/** The map's abstract contents: its live [key, value] pairs, sorted (a key twice shows twice). */
export function contentsOf(h: Hmap): Array<[number, number]> {
  return liveCells(h).map((c): [number, number] => [c.key, c.elem]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

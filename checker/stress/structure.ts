import type { MapImage } from '../../impl/hmap/image.js';
import type { MapConfig } from '../../spec/config.js';
import { oldCount } from '../../spec/hmap/contents.js';
import { NIL } from '../../spec/hmap/constants.js';
import { brokenInvariant } from '../../spec/hmap/invariants.js';
import type { Hmap } from '../../spec/hmap/state.js';
import { contentsOf, imageToHmap } from '../conformance/image.js';

/** The invariant spec/hmap/invariants.ts names for a count that disagrees with the live keys. */
export const COUNT_INVARIANT = 'count equals live keys';

/**
 * The first structural invariant the final map breaks (spec/hmap/invariants.ts), or undefined.
 * The spec's checks walk 2^B bucket slots (and as many old ones); a race can leave B, or the B
 * implied for the old array, far beyond any allocation, so that is checked first, by size.
 */
export function structuralDefect(h: Hmap, cfg: MapConfig): string | undefined {
  if (2 ** h.B > h.heap.length) return 'B within its bucket array';
  if (h.oldbuckets !== NIL && oldCount(h) > h.heap.length) return 'old bucket count within its array';
  return brokenInvariant(h, cfg);
}

/** The final map as the spec's Hmap, its first broken invariant, and its contents when they are readable. */
export function finalMap(image: MapImage, cfg: MapConfig): { defect?: string; contents?: Array<[number, number]> } {
  const h = imageToHmap(image);
  const defect = structuralDefect(h, cfg);
  // With B beyond its array the live cells cannot be walked; with a key twice they mean nothing.
  const readable = defect === undefined || defect === COUNT_INVARIANT || defect === 'writing flag clear when idle';
  if (!readable) return { defect };
  const contents = contentsOf(h);
  return defect === undefined ? { contents } : { defect, contents };
}

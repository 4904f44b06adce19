import { isEmpty, isEvacuatedMark, MIN_TOPHASH, NIL, SAME_SIZE_GROW } from './constants.js';
import { noldbuckets } from './fns/shared.js';
import type { Hmap } from './state.js';

/** A cell holding a key (tophash ≥ minTopHash) in a live chain. */
export interface LiveCell {
  bucket: number;
  i: number;
  key: number;
  elem: number;
  top: number;
  /** Index of the bucket array slot whose chain holds it, and whether that array is oldbuckets. */
  slot: number;
  old: boolean;
}

/** Bucket ids along the chain starting at `first` (stops on a cycle or a wild link). */
export function chain(h: Hmap, first: number): number[] {
  const out: number[] = [];
  for (let b = first; b >= 0 && b < h.heap.length && !out.includes(b); b = h.heap[b]!.overflow) out.push(b);
  return out;
}

/** Number of buckets in the old array while growing, from B and the sameSizeGrow flag. */
export function oldCount(h: Hmap): number {
  return noldbuckets(h.B, h.flags & SAME_SIZE_GROW);
}

/** Whether the old bucket a new slot draws from is still unevacuated (its cells are live). */
export function oldSlotLive(h: Hmap, oldSlot: number): boolean {
  if (h.oldbuckets === NIL) return false;
  const b = inArray(h, h.oldbuckets, oldSlot);
  return b !== NIL && !isEvacuatedMark(h.heap[b]!.tophash[0]!);
}

/** The bucket `index` of the array starting at `first`, or NIL past the allocation's end. */
export function inArray(h: Hmap, first: number, index: number): number {
  const a = h.allocations.find((x) => x.first === first);
  return a !== undefined && index < a.size ? first + index : NIL;
}

/**
 * Every live cell of a quiescent map: cells of unevacuated old buckets, and cells of new buckets
 * whose old bucket is evacuated (or that are not growing at all).
 */
export function liveCells(h: Hmap): LiveCell[] {
  const out: LiveCell[] = [];
  const collect = (first: number, slot: number, old: boolean): void => {
    for (const b of chain(h, first)) {
      const bk = h.heap[b]!;
      bk.tophash.forEach((top, i) => {
        if (!isEmpty(top) && top >= MIN_TOPHASH) out.push({ bucket: b, i, key: bk.keys[i]!, elem: bk.elems[i]!, top, slot, old });
      });
    }
  };
  if (h.buckets === NIL) return out;
  const nOld = h.oldbuckets === NIL ? 0 : oldCount(h);
  for (let o = 0; o < nOld; o++) if (oldSlotLive(h, o)) collect(h.oldbuckets + o, o, true);
  for (let s = 0; s < 2 ** h.B; s++) {
    if (nOld > 0 && oldSlotLive(h, s & (nOld - 1))) continue;
    const b = inArray(h, h.buckets, s);
    if (b !== NIL) collect(b, s, false);
  }
  return out;
}

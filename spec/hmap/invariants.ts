import type { MapConfig } from '../config.js';
import { tophashOf } from '../config.js';
import { EMPTY_REST, EVACUATED_EMPTY, HASH_WRITING, isEvacuatedMark, MIN_TOPHASH, NIL, SAME_SIZE_GROW } from './constants.js';
import { chain, inArray, liveCells, oldCount } from './contents.js';
import type { Hmap } from './state.js';
import { remembered } from '../remember.js';

/**
 * Structural invariants of a map no operation is running on: one small named predicate each,
 * so a violation names its cause (as TLA+ specs do). They hold after every race-free execution;
 * a racy one that breaks them without a fatal is the silent corruption this tool exists to show.
 */
export interface Invariant {
  name: string;
  holds(h: Hmap, cfg: MapConfig): boolean;
}

export const INVARIANTS: readonly Invariant[] = [
  {
    name: 'writing flag clear when idle',
    holds: (h) => (h.flags & HASH_WRITING) === 0,
  },
  {
    name: 'count equals live keys',
    holds: (h) => h.count === liveCells(h).length,
  },
  {
    name: 'no key twice',
    holds: (h) => {
      const keys = liveCells(h).map((c) => c.key);
      return new Set(keys).size === keys.length;
    },
  },
  {
    name: 'every key reachable from its bucket',
    holds: (h, cfg) => liveCells(h).every((c) => {
      const hash = cfg.hashes[c.key];
      if (hash === undefined || c.top !== tophashOf(hash, MIN_TOPHASH)) return false;
      const nBuckets = c.old ? oldCount(h) : 2 ** h.B;
      return (hash & (nBuckets - 1)) === c.slot;
    }),
  },
  {
    name: 'sameSizeGrow only while growing',
    holds: (h) => !(h.flags & SAME_SIZE_GROW) || h.oldbuckets !== NIL,
  },
  {
    name: 'old buckets below nevacuate are evacuated',
    holds: (h) => {
      if (h.oldbuckets === NIL) return true;
      if (h.nevacuate > oldCount(h)) return false;
      for (let o = 0; o < h.nevacuate; o++) {
        const b = inArray(h, h.oldbuckets, o);
        if (b === NIL || !isEvacuatedMark(h.heap[b]!.tophash[0]!)) return false;
      }
      return true;
    },
  },
  {
    name: 'evacuated buckets hold only evacuation marks',
    holds: (h) => {
      if (h.oldbuckets === NIL) return true;
      for (let o = 0; o < oldCount(h); o++) {
        const b = inArray(h, h.oldbuckets, o);
        if (b === NIL) return false;
        if (!isEvacuatedMark(h.heap[b]!.tophash[0]!)) continue;
        for (const id of chain(h, b)) {
          if (h.heap[id]!.tophash.some((t) => !isEvacuatedMark(t) && t !== EVACUATED_EMPTY)) return false;
        }
      }
      return true;
    },
  },
  {
    name: 'emptyRest ends the chain',
    holds: (h) => {
      if (h.buckets === NIL) return true;
      for (let s = 0; s < 2 ** h.B; s++) {
        const b = inArray(h, h.buckets, s);
        if (b === NIL) return false;
        const tops = chain(h, b).flatMap((id) => h.heap[id]!.tophash);
        const first = tops.indexOf(EMPTY_REST);
        if (first >= 0 && tops.slice(first).some((t) => t !== EMPTY_REST)) return false;
      }
      return true;
    },
  },
  {
    name: 'noverflow counts overflow buckets',
    holds: (h) => {
      if (h.buckets === NIL || h.B >= 16) return true;
      let n = 0;
      for (let s = 0; s < 2 ** h.B; s++) {
        const b = inArray(h, h.buckets, s);
        if (b !== NIL) n += chain(h, b).length - 1;
      }
      return n === h.noverflow;
    },
  },
];

/** The first invariant the map breaks, or undefined when all hold. */
export function brokenInvariant(h: Hmap, cfg: MapConfig): string | undefined {
  // Checked at every quiescent state, and a map's memory is shared by every state after its last
  // write (an unlock, a return, another goroutine's steps elsewhere): remembered per memory object.
  const verdict = remembered(remembered(VERDICTS, cfg, () => new WeakMap<Hmap, string>()), h, () => INVARIANTS.find((inv) => !inv.holds(h, cfg))?.name ?? HOLDS);
  return verdict === HOLDS ? undefined : verdict;
}

/** Each configuration's verdicts per memory object; HOLDS stands for "none broken" (a WeakMap keeps no undefined). */
const VERDICTS = new WeakMap<MapConfig, WeakMap<Hmap, string>>();
const HOLDS = '';

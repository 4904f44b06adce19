import type { Op } from '../../spec/types.js';
import { encodeProgram, type Program, type StressOpKind } from './program.js';
import type { StressTarget } from './targets.js';

/**
 * The seeded random op mix. Everything random about a stress run comes from here, so --seed fixes
 * every worker's program; what --seed cannot fix is the interleaving, which the hardware decides.
 */

/** What a mix weighs: each operation, and sync.Map's Range once per callback body besides the plain visit. */
export type MixKind = StressOpKind | 'range-stop' | 'range-delete' | 'range-store';

/** Relative weights of the operations drawn; a kind left out is never drawn. */
export type OpMix = Readonly<Partial<Record<MixKind, number>>>;

/** The plain map's and the guarded maps'. Writes dominate so that races are frequent. */
export const DEFAULT_MIX: OpMix = { assign: 35, access: 30, delete: 20, range: 5, clear: 5, len: 5 };

/**
 * The mixes a run can name. 'balanced' exercises every operation; under it nearly every racy
 * round ends in a write-write fatal within a few operations. 'read-mostly' (a cache's traffic)
 * races readers against rare writers, where Go's check is weakest and wrong reads show.
 */
export const MIXES: Readonly<Record<string, OpMix>> = {
  balanced: DEFAULT_MIX,
  'read-mostly': { assign: 8, access: 85, delete: 5, range: 0, clear: 0, len: 2 },
};
export const DEFAULT_MIX_NAME = 'balanced';

/**
 * sync.Map's mixes, by the same names: its five keyed operations and Range with every callback
 * body, whose nested Delete and Store race the other workers from inside the Range's interval.
 * 'read-mostly' is the traffic sync.Map is built for: Loads served from read without mu.
 */
export const SYNCMAP_MIXES: Readonly<Record<string, OpMix>> = {
  balanced: { assign: 25, access: 25, loadOrStore: 15, loadAndDelete: 10, delete: 10, range: 5, 'range-stop': 3, 'range-delete': 3, 'range-store': 4 },
  'read-mostly': { assign: 5, access: 80, loadOrStore: 5, loadAndDelete: 2, delete: 2, range: 3, 'range-stop': 1, 'range-delete': 1, 'range-store': 1 },
};

/** The mixes a target can run: sync.Map has no clear or len, the other maps no sync.Map operations. */
export function mixesFor(target: StressTarget): Readonly<Record<string, OpMix>> {
  return target === 'syncmap' ? SYNCMAP_MIXES : MIXES;
}

/** mulberry32: tiny, fast, and the same sequence on every platform for a given seed. */
export class Rng {
  private a: number;

  constructor(seed: number) {
    this.a = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let x = this.a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/**
 * One round's programs: `ops` operations dealt to `workers` workers as evenly as possible (the
 * first ones get one more). Every operation that stores (assign, loadOrStore, a Range's 'store'
 * body) stores a value unique in the round (1, 2, ...; never 0, which the sequential model reads
 * as "absent"), so a lost write shows as a value that names it.
 */
export function roundPrograms(rng: Rng, ops: number, workers: number, keys: number, mix: OpMix = DEFAULT_MIX): Program[] {
  const kinds = (Object.keys(mix) as MixKind[]).filter((k) => (mix[k] ?? 0) > 0);
  const total = kinds.reduce((s, k) => s + mix[k]!, 0);
  let nextValue = 1;
  const draw = (): Op => {
    let r = rng.next() * total;
    let kind = kinds[kinds.length - 1]!;
    for (const k of kinds) {
      if (r < mix[k]!) {
        kind = k;
        break;
      }
      r -= mix[k]!;
    }
    switch (kind) {
      case 'assign':
      case 'loadOrStore': return { kind, key: rng.below(keys), value: nextValue++ };
      case 'access':
      case 'delete':
      case 'loadAndDelete': return { kind, key: rng.below(keys) };
      case 'range-stop': return { kind: 'range', body: 'stop' };
      case 'range-delete': return { kind: 'range', body: 'delete' };
      case 'range-store': return { kind: 'range', body: 'store', value: nextValue++ };
      default: return { kind };
    }
  };
  const programs: Program[] = [];
  for (let w = 0; w < workers; w++) {
    const n = Math.floor(ops / workers) + (w < ops % workers ? 1 : 0);
    programs.push(encodeProgram(Array.from({ length: n }, draw)));
  }
  return programs;
}

import type { Op } from '../../spec/types.js';
import { encodeProgram, type Program, type StressOpKind } from './program.js';

/**
 * The seeded random op mix. Everything random about a stress run comes from here, so --seed fixes
 * every worker's program; what --seed cannot fix is the interleaving, which the hardware decides.
 */

/** Relative weights of each operation. Writes dominate so that races are frequent. */
export type OpMix = Readonly<Record<StressOpKind, number>>;

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
 * first ones get one more). Every assign stores a value unique in the round (1, 2, ...; never 0,
 * which the sequential model reads as "absent"), so a lost write shows as a value that names it.
 */
export function roundPrograms(rng: Rng, ops: number, workers: number, keys: number, mix: OpMix = DEFAULT_MIX): Program[] {
  const kinds = Object.keys(mix) as StressOpKind[];
  const total = kinds.reduce((s, k) => s + mix[k], 0);
  let nextValue = 1;
  const draw = (): Op => {
    let r = rng.next() * total;
    let kind = kinds[kinds.length - 1]!;
    for (const k of kinds) {
      if (r < mix[k]) {
        kind = k;
        break;
      }
      r -= mix[k];
    }
    switch (kind) {
      case 'assign': return { kind, key: rng.below(keys), value: nextValue++ };
      case 'access':
      case 'delete': return { kind, key: rng.below(keys) };
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

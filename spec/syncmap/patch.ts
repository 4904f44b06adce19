import type { FunctionTable, Point } from './program.js';

/**
 * A change to the function table: replace one point, or add a new one that replaced points can
 * jump to. Mutants are made of these, so a mutant is data applied when the target is built,
 * never a branch inside the spec.
 */
export type Patch =
  | { readonly fn: string; readonly pc: string; readonly replace: Point }
  | { readonly fn: string; readonly pc: string; readonly add: Point };

/** A named, plausible bug in sync.Map: a few patches to its functions. */
export interface Mutant {
  readonly name: string;
  /** What the bug is, in one or two sentences. */
  readonly description: string;
  readonly patches: readonly Patch[];
}

/** The table with every patch applied; the input is left as it was. */
export function applyPatches(fns: FunctionTable, patches: readonly Patch[], what = 'patch'): FunctionTable {
  const out: Record<string, FunctionTable[string]> = { ...fns };
  for (const p of patches) {
    const fn = out[p.fn];
    if (!fn) throw new Error(`${what}: there is no function ${p.fn}`);
    const exists = Object.hasOwn(fn.points, p.pc);
    if ('replace' in p && !exists) throw new Error(`${what}: ${p.fn} has no point ${p.pc} to replace`);
    if ('add' in p && exists) throw new Error(`${what}: ${p.fn} already has a point ${p.pc}; use replace`);
    // A patched function's locals are not the ones its liveness table was derived from: it keeps them all.
    out[p.fn] = { ...fn, live: undefined, points: { ...fn.points, [p.pc]: 'replace' in p ? p.replace : p.add } };
  }
  return out;
}

/** The table a mutant runs: Go's functions with the mutant's patches applied. */
export function mutate(fns: FunctionTable, m: Mutant): FunctionTable {
  return applyPatches(fns, m.patches, `mutant ${m.name}`);
}

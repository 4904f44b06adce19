import type { StepInfo } from '../../spec/types.js';
import { Interner } from './interner.js';
import type { Edge } from './node.js';

/**
 * What one scheduler choice touched, as the partial-order reduction sees it: the shared locations
 * the step read and wrote, plus two locations of the checker's own. '@H' stands for the history:
 * calls and returns are ordered against each other because the linearizability monitor, the
 * overlap flag and the quiescent invariant check all depend on their order. '@OPS' stands for the
 * operation budget: starting an operation uses it up for everyone and fixes the new value. A crash
 * ends the execution, so it conflicts with everything (`all`).
 */
export interface Footprint {
  reads: readonly string[];
  writes: readonly string[];
  all: boolean;
}

export const HISTORY = '@H';
export const BUDGET = '@OPS';

export function footprintOf(edge: Edge, info: StepInfo, crashed: boolean): Footprint {
  const writes = [...info.writes];
  if (info.call || info.returns || info.nestedCall || info.nestedReturns) writes.push(HISTORY);
  if (edge.op) writes.push(BUDGET);
  return { reads: info.reads, writes, all: crashed };
}

/** Whether two accesses of different goroutines conflict: one writes what the other reads or writes. */
export function conflicts(a: Footprint, b: Footprint): boolean {
  if (a.all || b.all) return true;
  for (const w of a.writes) if (touches(w, b.reads) || touches(w, b.writes)) return true;
  for (const w of b.writes) if (touches(w, a.reads)) return true;
  return false;
}

function touches(loc: string, locs: readonly string[]): boolean {
  for (const l of locs) if (sameMemory(loc, l)) return true;
  return false;
}

/** Equal names, or one is a whole object ('b3.*', a memclr) and the other lies in it. */
export function sameMemory(x: string, y: string): boolean {
  if (x === y) return true;
  if (x.endsWith('.*') && y.startsWith(x.slice(0, -1))) return true;
  return y.endsWith('.*') && x.startsWith(y.slice(0, -1));
}

/**
 * Sets of accesses without heap ids ('r:b.tophash[0]'), interned as bit sets: the summaries the
 * state cache keeps per goroutine of every access the explored future of a state makes. Ids are
 * small integers; 0 is the empty set.
 */
export class AccessSets {
  private readonly atoms = new Interner<{ write: boolean; loc: string; all: boolean }>();
  /** Bit words per set, and the atom ids in it; id 0 is the empty set. */
  private readonly sets = new Interner<{ words: number[]; members: number[] }>();
  private readonly footprints = new Interner<Footprint>();
  private readonly conflictMemo = new Map<number, boolean>();

  constructor(private readonly locationClass: (loc: string) => string) {
    this.intern([]);
  }

  /** The id of the heap-free form of a footprint, for conflict checks against sets. */
  footprintId(f: Footprint): number {
    const coarse: Footprint = { reads: f.reads.map(this.locationClass), writes: f.writes.map(this.locationClass), all: f.all };
    return this.footprints.id(`${coarse.all ? '*' : ''}|${coarse.reads.join(',')}|${coarse.writes.join(',')}`, () => coarse);
  }

  /** The set `set` with every access of footprint `f` added. */
  add(set: number, f: Footprint): number {
    const words = [...this.sets.get(set).words];
    const put = (write: boolean, loc: string, all: boolean): void => {
      const a = this.atoms.id(all ? '*' : `${write ? 'w' : 'r'}:${loc}`, () => ({ write, loc, all }));
      while (words.length <= a >> 5) words.push(0);
      words[a >> 5] |= 1 << (a & 31);
    };
    if (f.all) put(true, '', true);
    for (const r of f.reads) put(false, this.locationClass(r), false);
    for (const w of f.writes) put(true, this.locationClass(w), false);
    return this.intern(words);
  }

  union(a: number, b: number): number {
    if (a === b || b === 0) return a;
    if (a === 0) return b;
    const x = this.sets.get(a).words;
    const y = this.sets.get(b).words;
    return this.intern(Array.from({ length: Math.max(x.length, y.length) }, (_, i) => (x[i] ?? 0) | (y[i] ?? 0)));
  }

  /** Whether some access in `set` conflicts with the (heap-free) footprint `footprintId`. */
  conflicts(footprintId: number, set: number): boolean {
    if (set === 0) return false;
    const memoKey = footprintId * 4_194_304 + set;
    let hit = this.conflictMemo.get(memoKey);
    if (hit === undefined) {
      hit = this.computeConflict(this.footprints.get(footprintId), set);
      this.conflictMemo.set(memoKey, hit);
    }
    return hit;
  }

  private computeConflict(f: Footprint, set: number): boolean {
    if (f.all) return true;
    for (const a of this.sets.get(set).members) {
      const atom = this.atoms.get(a);
      if (atom.all) return true;
      const one: Footprint = atom.write ? { reads: [], writes: [atom.loc], all: false } : { reads: [atom.loc], writes: [], all: false };
      if (conflicts(f, one)) return true;
    }
    return false;
  }

  private intern(words: number[]): number {
    while (words.length > 0 && words[words.length - 1] === 0) words.pop();
    return this.sets.id(words.join(','), () => {
      const members: number[] = [];
      words.forEach((w, i) => {
        for (let bit = 0; bit < 32; bit++) if (w & (1 << bit)) members.push(i * 32 + bit);
      });
      return { words, members };
    });
  }
}

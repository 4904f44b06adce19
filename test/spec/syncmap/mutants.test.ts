/**
 * The mutant catalogue: every mutant changes the function table where it says, leaves Go's table
 * as it was, and is killed: some execution within the recorded bounds ends in the recorded
 * outcome, while none at one operation fewer (searched exhaustively) fails, and Go's sync.Map
 * ends ok everywhere within the same bounds. Kills that need no Range are searched without
 * Range, so they do not depend on the monitor's Range rule.
 */
import { describe, expect, it } from 'vitest';
import { explore } from '../../../checker/explore/search.js';
import { SMALL } from '../../../spec/config.js';
import { SYNCMAP_FUNCTIONS } from '../../../spec/syncmap/functions.js';
import { MUTANTS } from '../../../spec/syncmap/mutants.js';
import { mutate } from '../../../spec/syncmap/patch.js';
import type { SyncMapState } from '../../../spec/syncmap/state.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import type { Target } from '../../../spec/target.js';
import { withoutRange } from './helpers.js';

/**
 * Where each mutant dies: the fewest operations (found by exhaustive search, no preemption
 * bound), the fewest preemptions that still kill it at that depth, whether it needs Range, and
 * the outcome. 2 goroutines, 2 keys.
 */
const KILLS: Record<string, { depth: number; preemptions: number; range: boolean; outcome: string }> = {
  'load-no-recheck': { depth: 3, preemptions: 1, range: false, outcome: 'nonlinearizable' },
  'promote-keeps-misses': { depth: 2, preemptions: 0, range: false, outcome: 'corrupt: I8 a promotion resets misses' },
  'expunge-skips-cas': { depth: 4, preemptions: 0, range: false, outcome: 'corrupt: I6 a deleted entry of read.m is in dirty, or dirty is nil' },
  'unexpunge-forgets-dirty': { depth: 5, preemptions: 0, range: false, outcome: 'corrupt: I4 dirty holds every unexpunged entry of read.m' },
  'unexpunge-without-cas': { depth: 3, preemptions: 1, range: false, outcome: 'panic: assignment to entry in nil map' },
  'trystore-ignores-expunged': { depth: 5, preemptions: 0, range: false, outcome: 'corrupt: I7 e.p changes only as allowed' },
  'load-misses-before-dirty-lookup': { depth: 2, preemptions: 0, range: false, outcome: 'nonlinearizable' },
  'store-new-key-no-amend': { depth: 1, preemptions: 0, range: false, outcome: 'corrupt: I3 read.amended iff dirty is not nil' },
  'range-no-promote': { depth: 2, preemptions: 0, range: true, outcome: 'nonlinearizable' },
  'range-promote-keeps-dirty': { depth: 2, preemptions: 0, range: true, outcome: 'corrupt: I2 read.m and dirty are different maps' },
  'load-dirty-without-lock': { depth: 2, preemptions: 0, range: false, outcome: 'corrupt: I8 dirty and misses change only under mu' },
  'delete-without-cas': { depth: 4, preemptions: 1, range: false, outcome: 'nonlinearizable' },
  'store-unlocks-early': { depth: 1, preemptions: 0, range: false, outcome: 'corrupt: I8 dirty and misses change only under mu' },
};

const bounds = (depth: number, preemptions?: number) => ({ depth, goroutines: 2, keys: 2, cfg: SMALL, preemptions });

describe('the mutant catalogue', () => {
  it('has at least 8 mutants with distinct names and descriptions, each with a recorded kill', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(MUTANTS.map((m) => m.name)).size).toBe(MUTANTS.length);
    for (const m of MUTANTS) expect(m.description.length, m.name).toBeGreaterThan(40);
    expect(Object.keys(KILLS).sort()).toEqual(MUTANTS.map((m) => m.name).sort());
  });

  it.each(MUTANTS.map((m) => [m.name, m] as const))('%s changes exactly the points it patches', (_name, m) => {
    const before = JSON.stringify(Object.keys(SYNCMAP_FUNCTIONS).map((f) => Object.keys(SYNCMAP_FUNCTIONS[f]!.points)));
    const fns = mutate(SYNCMAP_FUNCTIONS, m);
    for (const p of m.patches) {
      const was = SYNCMAP_FUNCTIONS[p.fn]!.points[p.pc];
      const now = fns[p.fn]!.points[p.pc]!;
      if ('replace' in p) {
        expect(was, `${p.fn}.${p.pc} exists in Go's table`).toBeDefined();
        expect(now.run, `${p.fn}.${p.pc} runs something else`).not.toBe(was!.run);
      } else {
        expect(was, `${p.fn}.${p.pc} is new`).toBeUndefined();
      }
    }
    const patched = new Set(m.patches.map((p) => `${p.fn}.${p.pc}`));
    for (const [name, fn] of Object.entries(SYNCMAP_FUNCTIONS)) {
      for (const [pc, point] of Object.entries(fn.points)) if (!patched.has(`${name}.${pc}`)) expect(fns[name]!.points[pc]).toBe(point);
    }
    // Go's table is left as it was.
    expect(JSON.stringify(Object.keys(SYNCMAP_FUNCTIONS).map((f) => Object.keys(SYNCMAP_FUNCTIONS[f]!.points)))).toBe(before);
  });

  it.each(MUTANTS.map((m) => [m.name, m] as const))('%s is killed where recorded, and not earlier', (name, m) => {
    const k = KILLS[name]!;
    const pick = (t: Target<SyncMapState>): Target<SyncMapState> => (k.range ? t : withoutRange(t));
    const killed = explore(pick(syncmapTarget(SMALL, m)), bounds(k.depth, k.preemptions));
    expect([...killed.outcomes.keys()]).toContain(k.outcome);
    const earlier = explore(pick(syncmapTarget(SMALL, m)), bounds(k.depth - 1));
    expect([...earlier.outcomes.keys()]).toEqual(k.depth > 1 ? ['ok'] : []);
    const go = explore(pick(syncmapTarget(SMALL)), bounds(k.depth, k.preemptions));
    expect([...go.outcomes.keys()], "Go's sync.Map within the same bounds").toEqual(['ok']);
  });
});

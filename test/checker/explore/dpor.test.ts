import { describe, expect, it } from 'vitest';
import { exploreDpor } from '../../../checker/explore/dpor.js';
import { ALL_REDUCTIONS } from '../../../checker/explore/node.js';
import { explore, type ExploreResult } from '../../../checker/explore/search.js';
import { SMALL } from '../../../spec/config.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import type { Target } from '../../../spec/target.js';
import { makeTarget } from '../../../checker/run/targets.js';
import { RWMUTEX_MISUSES } from '../../../spec/guarded/index.js';

// DPOR keys every state it meets, so it is compared with the search that does too; and it runs
// without key symmetry (its cached futures are renamed by goroutine only), so that search does.
const FULL = { ...ALL_REDUCTIONS, dpor: false, chains: false, privateSteps: false, keySymmetry: false };
const POR = { ...ALL_REDUCTIONS, dpor: true };

function summary(r: ExploreResult): { classes: string[]; executions: number; breached: boolean } {
  return { classes: [...r.outcomes.keys()].sort(), executions: r.executions, breached: r.breached };
}

describe('exploreDpor on the locked maps, whose goroutines block', () => {
  it.each(['mutex-map', 'rwmutex-map', 'sharded-map'])('%s: the same outcomes and end states as the full search', (name) => {
    const o = { depth: 3, goroutines: 2, keys: 2, cfg: SMALL };
    const target = makeTarget(name, SMALL)!;
    const full = explore(target, { ...o, reductions: FULL });
    const por = explore(target, { ...o, reductions: POR });
    expect(summary(por)).toEqual(summary(full));
    expect(por.states).toBeLessThanOrEqual(full.states);
  });

  it('finds the deadlock and the broken contract of a misused RWMutex just as the full search does', () => {
    for (const misuse of RWMUTEX_MISUSES) {
      const target = makeTarget('rwmutex-map', SMALL, misuse.name)!;
      const o = { depth: 2, goroutines: 2, keys: 2, cfg: SMALL };
      expect(summary(explore(target, { ...o, reductions: POR }))).toEqual(summary(explore(target, { ...o, reductions: FULL })));
    }
  });
});

describe('exploreDpor on the plain map', () => {
  const bounds = [
    { depth: 1, goroutines: 2, keys: 2 },
    { depth: 2, goroutines: 2, keys: 1 },
    { depth: 2, goroutines: 2, keys: 2 },
    { depth: 2, goroutines: 3, keys: 1 },
  ];
  it.each(bounds)('reaches every outcome class and end state the full search reaches (%o)', (b) => {
    const o = { ...b, cfg: SMALL };
    const full = explore(hmapTarget(SMALL), { ...o, reductions: FULL });
    const por = explore(hmapTarget(SMALL), { ...o, reductions: POR });
    expect(summary(por)).toEqual(summary(full));
    expect(por.states).toBeLessThanOrEqual(full.states);
  });

  it('reaches exactly the same end states, key for key (state keys are canonical)', () => {
    const o = { depth: 2, goroutines: 2, keys: 2, cfg: SMALL };
    const full = new Set<string>();
    const por = new Set<string>();
    explore(hmapTarget(SMALL), { ...o, reductions: FULL, onEnd: (k) => full.add(k) });
    explore(hmapTarget(SMALL), { ...o, reductions: POR, onEnd: (k) => por.add(k) });
    expect([...por].sort()).toEqual([...full].sort());
  });

  it('loses outcomes when the steps hide their accesses, so the comparison above can fail', () => {
    const honest = hmapTarget(SMALL);
    // The same map, but every step claims to touch nothing: all steps look independent.
    const blind: typeof honest = {
      ...honest,
      step: (s, g) => {
        const r = honest.step(s, g);
        return { ...r, info: { ...r.info, reads: [], writes: [] } };
      },
    };
    const o = { depth: 2, goroutines: 2, keys: 2, cfg: SMALL };
    const full = explore(honest, { ...o, reductions: FULL });
    const wrong = exploreDpor(blind, o, POR);
    expect(wrong.executions).toBeLessThan(full.executions);
  });

  it('refuses a target that cannot name its locations, and a preemption bound', () => {
    const o = { depth: 1, goroutines: 2, keys: 1, cfg: SMALL };
    expect(() => exploreDpor(syncmapTarget(SMALL) as Target<unknown>, o, POR)).toThrow(/no locationClass/);
    expect(() => exploreDpor(hmapTarget(SMALL), { ...o, preemptions: 1 }, POR)).toThrow(/preemption bound/);
  });

  it('falls back to the full search when asked for dpor under a preemption bound', () => {
    const o = { depth: 2, goroutines: 2, keys: 1, cfg: SMALL, preemptions: 1 };
    const a = explore(hmapTarget(SMALL), { ...o, reductions: POR });
    const b = explore(hmapTarget(SMALL), { ...o, reductions: { ...POR, dpor: false } });
    expect(a).toEqual(b);
  });
});

/**
 * Key symmetry on the plain map and the maps under one lock (spec/hmap/keys.ts): with SMALL's
 * k0 and k1, whose hashes differ only in the top byte, renaming the keys (with their tophashes)
 * maps executions onto executions. Two checks that would fail if it merged states that are not
 * renamings of each other, or missed renamings: the configuration with k0's and k1's hashes
 * swapped gives exactly the same end states, key for key (without key symmetry it does not);
 * and the same classes as the search without it, each with at least half its end states (a
 * renaming of two keys merges at most two).
 */
import { describe, expect, it } from 'vitest';
import { ALL_REDUCTIONS } from '../../../checker/explore/node.js';
import { explore } from '../../../checker/explore/search.js';
import { makeTarget } from '../../../checker/run/targets.js';
import { type MapConfig, SMALL } from '../../../spec/config.js';
import { RWMUTEX_MISUSES } from '../../../spec/guarded/index.js';
import { KeyNamer } from '../../../spec/canon.js';
import { KeyText, keysInterchangeable } from '../../../spec/hmap/keys.js';

/** SMALL with k0's and k1's hashes swapped: the same map, its keys renamed. */
const SWAPPED: MapConfig = { ...SMALL, name: 'small-swapped', hashes: [SMALL.hashes[1]!, SMALL.hashes[0]!, ...SMALL.hashes.slice(2)] };

interface Ends {
  keys: string[];
  byClass: Map<string, number>;
  states: number;
}

function ends(name: string, cfg: MapConfig, depth: number, keySymmetry: boolean, preemptions?: number, mutant?: string): Ends {
  const target = makeTarget(name, cfg, mutant)!;
  const keys: string[] = [];
  const r = explore(target, {
    depth, goroutines: 2, keys: 2, cfg, reductions: { ...ALL_REDUCTIONS, keySymmetry },
    ...(preemptions === undefined ? {} : { preemptions }),
    onEnd: (k) => keys.push(k),
  });
  return { keys: keys.sort(), byClass: r.outcomes, states: r.states };
}

const CASES: Array<{ name: string; depth: number; preemptions?: number }> = [
  { name: 'hmap', depth: 2 },
  { name: 'hmap', depth: 3, preemptions: 1 },
  { name: 'rwmutex-map', depth: 3 },
  { name: 'mutex-map', depth: 3 },
];

describe.each(CASES)('$name at depth $depth', ({ name, depth, preemptions }) => {
  const on = ends(name, SMALL, depth, true, preemptions);
  const off = ends(name, SMALL, depth, false, preemptions);

  it('gives the map with its keys renamed exactly the same end states', () => {
    expect(ends(name, SWAPPED, depth, true, preemptions).keys).toEqual(on.keys);
    // Without key symmetry the renamed map's end states are others: the check above means something.
    expect(ends(name, SWAPPED, depth, false, preemptions).keys).not.toEqual(off.keys);
  });

  it('keeps every class, each with at least half its end states, in fewer states', () => {
    expect([...on.byClass.keys()].sort()).toEqual([...off.byClass.keys()].sort());
    for (const [outcome, n] of off.byClass) {
      expect(on.byClass.get(outcome)!).toBeLessThanOrEqual(n);
      expect(2 * on.byClass.get(outcome)!).toBeGreaterThanOrEqual(n);
    }
    expect(on.states).toBeLessThan(off.states);
  });
});

describe('where keys are not interchangeable', () => {
  // Their alphabets offer operations on k0 only: a map holding k0 and one holding k1 have
  // different futures there, so nothing may be merged.
  it.each(RWMUTEX_MISUSES.map((m) => m.name))('the misused RWMutex map %s, whose operations are all on k0, is explored as without it', (mutant) => {
    const on = ends('rwmutex-map', SMALL, 3, true, undefined, mutant);
    const off = ends('rwmutex-map', SMALL, 3, false, undefined, mutant);
    expect(on.keys).toEqual(off.keys);
    expect(on.states).toBe(off.states);
  });

  it('says so for a third key in another bucket, and for the sharded map', () => {
    expect(keysInterchangeable(SMALL, 2)).toBe(true);
    expect(keysInterchangeable(SMALL, 3)).toBe(false);
    expect(makeTarget('hmap', SMALL)!.keySymmetric!(3)).toBe(false);
    expect(makeTarget('sharded-map', SMALL)!.keySymmetric).toBeUndefined();
  });

  it('says so for keys whose tophashes are equal (SMALL\'s k0 and k3) or whose hashes differ below the top byte', () => {
    expect(keysInterchangeable({ ...SMALL, hashes: [SMALL.hashes[0]!, SMALL.hashes[3]!] }, 2)).toBe(false);
    expect(keysInterchangeable({ ...SMALL, hashes: [0x1a000000, 0x2b000001] }, 2)).toBe(false);
  });

  it('writes keys and tophashes by name, and marks and ZERO_KEY as they are', () => {
    const text = new KeyText(SMALL, new KeyNamer(2));
    expect([text.top(0x2b), text.key(1), text.key(0), text.top(0x1a), text.top(1), text.key(-1)]).toEqual(['t0', 'k0', 'k1', 't1', '1', '-1']);
    expect(() => text.top(0x3c)).toThrow(/belongs to no key/);
  });
});

/**
 * The canonical text: states that differ only in heap ids, garbage, value names or which
 * goroutine is which encode alike; states that differ in anything else do not. And the
 * explorer's reductions, which rest on it, keep every outcome class.
 */
import { describe, expect, it } from 'vitest';
import { ALL_REDUCTIONS, type Reductions } from '../../../checker/explore/node.js';
import { explore } from '../../../checker/explore/search.js';
import { KeyNamer, ValueNamer } from '../../../spec/canon.js';
import { SMALL } from '../../../spec/config.js';
import { EXPUNGED, P_NIL } from '../../../spec/syncmap/constants.js';
import { MUTANTS } from '../../../spec/syncmap/mutants.js';
import type { Mem, SyncMapState } from '../../../spec/syncmap/state.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import { mem, withoutRange } from './helpers.js';

const t = syncmapTarget(SMALL);
const idle = (m: Mem): SyncMapState => ({ mem: m, gs: t.init(SMALL, 2).gs, violated: null });
const enc = (s: SyncMapState, order = [0, 1]): string => t.encode(s, new ValueNamer(), order);
const encKeys = (s: SyncMapState, order = [0, 1]): string => t.encode(s, new ValueNamer(), order, new KeyNamer(3));

/** k0 → e0 (v5), k1 → e1 (expunged); dirty holds k0 and k2 → e2 (nil). */
const A = mem({
  read: 0, dirty: 1, misses: 1, readOnlys: [[0, true]],
  maps: [{ 0: 0, 1: 1 }, { 0: 0, 2: 2 }], entries: [5, EXPUNGED, P_NIL],
});

describe('encode', () => {
  it('renumbers readOnlys, maps and entries by reachability and drops garbage', () => {
    const renumbered = mem({
      read: 2, dirty: 0, misses: 1, readOnlys: [[0, false], [1, true], [1, true]],
      maps: [{ 0: 3, 2: 0 }, { 0: 3, 1: 2 }, { 0: 1 }], entries: [P_NIL, 9, EXPUNGED, 5],
    });
    expect(enc(idle(renumbered))).toBe(enc(idle(A)));
  });

  it('names values by first mention, so a one-to-one renaming encodes alike', () => {
    expect(enc(idle({ ...A, entries: [42, EXPUNGED, P_NIL] }))).toBe(enc(idle(A)));
  });

  it.each([
    ['amended', { ...A, readOnlys: [{ m: 0, amended: false }] }],
    ['misses', { ...A, misses: 0 }],
    ['an entry nil instead of expunged', { ...A, entries: [5, P_NIL, P_NIL] }],
    ['dirty nil', { ...A, dirty: -1 }],
    ['mu held', { ...A, mu: 0 }],
    ['two keys sharing an entry', mem({ read: 0, dirty: 1, misses: 1, readOnlys: [[0, true]], maps: [{ 0: 0, 1: 1 }, { 0: 0, 2: 0 }], entries: [5, EXPUNGED] })],
  ] as const)('tells apart a state that differs in %s', (_what, other) => {
    expect(enc(idle(other))).not.toBe(enc(idle(A)));
  });

  it('with a key namer, names keys by first mention, so a renaming of keys encodes alike', () => {
    const rename = [2, 0, 1];
    const renamedMem: Mem = { ...A, maps: A.maps.map((m) => m.map(([k, e]) => [rename[k]!, e] as const)) };
    let s = idle(A);
    s = t.start(s, 1, { kind: 'access', key: 2 }, 0);
    let r = idle(renamedMem);
    r = t.start(r, 1, { kind: 'access', key: rename[2]! }, 0);
    expect(encKeys(r)).toBe(encKeys(s));
    // Without one, keys are written as they are.
    expect(enc(r)).not.toBe(enc(s));
  });

  it('tells apart maps that hold the same pairs in another order (the order a range visits)', () => {
    const reversed: Mem = { ...A, maps: A.maps.map((m) => [...m].reverse()) };
    expect(encKeys(idle(reversed))).not.toBe(encKeys(idle(A)));
    expect(enc(idle(reversed))).not.toBe(enc(idle(A)));
  });

  it('names mu\'s holder by its place in the goroutine order', () => {
    let s = idle(A);
    s = t.start(s, 1, { kind: 'access', key: 2 }, 0);
    const swapped: SyncMapState = { ...s, mem: { ...s.mem, mu: 0 }, gs: [s.gs[1]!, s.gs[0]!] };
    expect(enc({ ...s, mem: { ...s.mem, mu: 1 } }, [1, 0])).toBe(enc(swapped, [0, 1]));
    expect(enc({ ...s, mem: { ...s.mem, mu: 1 } }, [0, 1])).not.toBe(enc(swapped, [0, 1]));
  });
});

describe('the explorer\'s reductions on sync.Map', () => {
  const NONE: Reductions = { symmetry: false, valueNaming: false, keySymmetry: false, canonicalHeap: false, subsumption: false, chains: false, privateSteps: false, monitorRoots: false, deadAtCrash: false, classes: false };
  const targets = [
    ['Go', withoutRange(t)],
    ...['load-no-recheck', 'unexpunge-without-cas'].map((n) => [n, withoutRange(syncmapTarget(SMALL, MUTANTS.find((m) => m.name === n)))] as const),
  ] as const;

  it.each(targets)('%s: all reductions keep every outcome class, with fewer states', (_name, target) => {
    const o = { depth: 3, goroutines: 2, keys: 2, cfg: SMALL };
    const reduced = explore(target, { ...o, reductions: ALL_REDUCTIONS });
    const exact = explore(target, { ...o, reductions: NONE });
    expect([...reduced.outcomes.keys()].sort()).toEqual([...exact.outcomes.keys()].sort());
    expect(reduced.states).toBeLessThan(exact.states);
  });

  // Every mutant too: a reduction that hid one's finding would show here.
  const allMutants = [['Go', t] as const, ...MUTANTS.map((m) => [m.name, syncmapTarget(SMALL, m)] as const)];

  it.each(allMutants)('%s: key symmetry keeps every outcome class and merges states', (_name, target) => {
    const o = { depth: 3, goroutines: 2, keys: 2, cfg: SMALL };
    const reduced = explore(target, { ...o, reductions: ALL_REDUCTIONS });
    const without = explore(target, { ...o, reductions: { ...ALL_REDUCTIONS, keySymmetry: false } });
    expect([...reduced.outcomes.keys()].sort()).toEqual([...without.outcomes.keys()].sort());
    expect(reduced.states).toBeLessThan(without.states);
  });
});

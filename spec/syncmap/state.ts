import type { Op } from '../types.js';
import { NONE } from './constants.js';
import type { Frame } from './program.js';

/** readOnly (map.go:70-73): immutable once built; read.Store publishes a pointer to one. */
export interface ReadOnly {
  /** The map id of readOnly.m, or NONE for a nil map. */
  readonly m: number;
  /** true if dirty may hold keys m lacks. */
  readonly amended: boolean;
}

/**
 * A Go map[any]*entry over small integer keys: [key, entry id] pairs in the order the keys were
 * added, which is the order a range over it visits them (see withKey).
 */
export type GoMap = ReadonlyArray<readonly [key: number, entry: number]>;

/**
 * Shared memory: the fields of one sync.Map (map.go:34-67) and the objects they reach. Heap
 * objects are named by their index in their array and never freed; encode drops the garbage.
 */
export interface Mem {
  /** m.read: id of the readOnly last stored, or NONE while the zero Map's read.Load() is nil. */
  readonly read: number;
  /** m.dirty: a map id, or NONE for nil. Plain field: touched only with mu held. */
  readonly dirty: number;
  /** m.misses: loads that took the lock since the last promotion. Plain, under mu. */
  readonly misses: number;
  /** m.mu: the goroutine holding it, or NONE when free. */
  readonly mu: number;
  /** Every readOnly ever built, by id. */
  readonly readOnlys: readonly ReadOnly[];
  /** Every Go map ever made, by id: published read.m maps and dirty maps alike. */
  readonly maps: readonly GoMap[];
  /** e.p of every entry ever made, by entry id (see P_NIL, EXPUNGED). */
  readonly entries: readonly number[];
}

/**
 * The memory with the fields in `p` changed: a literal of every field rather than a spread that
 * overrides some, which V8 runs several times slower (see withHmap in spec/hmap/state.ts).
 */
export function withMem(mem: Mem, p: Partial<Mem>): Mem {
  return {
    read: p.read ?? mem.read, dirty: p.dirty ?? mem.dirty, misses: p.misses ?? mem.misses, mu: p.mu ?? mem.mu,
    readOnlys: p.readOnlys ?? mem.readOnlys, maps: p.maps ?? mem.maps, entries: p.entries ?? mem.entries,
  };
}

/** One goroutine: the operation it runs (null when idle) and its call stack. */
export interface GState {
  readonly op: Op | null;
  /** Index of the running operation in this goroutine's program. */
  readonly opIndex: number;
  /** 1 once the operation made its first step (its call is then visible). */
  readonly called: number;
  readonly frames: readonly Frame[];
  /** Pairs a Range has given its callback so far, flattened [k, v, k, v, ...]. */
  readonly pairs: readonly number[];
  /** The operation a Range callback is running (m.Delete or m.Store), or null. */
  readonly nested: Op | null;
  /** Index in `frames` of that operation's bottom frame (NONE without one). */
  readonly nestedBase: number;
  /** 1 once the nested operation made its first step. */
  readonly nestedCalled: number;
}

export interface SyncMapState {
  readonly mem: Mem;
  readonly gs: readonly GState[];
  /** The first transition invariant (I1, I7, I8) some step broke; sticky, reported by broken(). */
  readonly violated: string | null;
}

export const IDLE: GState = { op: null, opIndex: -1, called: 0, frames: [], pairs: [], nested: null, nestedBase: NONE, nestedCalled: 0 };

/** The zero Map: nothing stored, mu free. */
export const ZERO_MEM: Mem = { read: NONE, dirty: NONE, misses: 0, mu: NONE, readOnlys: [], maps: [], entries: [] };

/** The zero readOnly that `m.read.Load().(readOnly)` gives while nothing is stored (map.go:111). */
const ZERO_READ_ONLY: ReadOnly = { m: NONE, amended: false };

export function readOnlyOf(mem: Mem, id: number): ReadOnly {
  return id === NONE ? ZERO_READ_ONLY : mem.readOnlys[id]!;
}

/** The map with this id; a nil map reads as empty. */
export function mapOf(mem: Mem, id: number): GoMap {
  return id === NONE ? [] : mem.maps[id]!;
}

/** m[key]: the entry id, or NONE when the key is absent (or the map nil). */
export function lookup(mem: Mem, mapId: number, key: number): number {
  for (const [k, e] of mapOf(mem, mapId)) if (k === key) return e;
  return NONE;
}

/**
 * The map with key set to entry (NONE deletes it): a key already there keeps its place, a new
 * one goes last. Go ranges over a small map in the order its cells were filled, from a random
 * starting cell; here always from the first, and a deleted key's cell is not reused. What matters
 * is that the order comes from the map's history and never from the keys' names: keys are then
 * only copied and compared, so states that differ by renaming keys have the same futures, and the
 * explorer merges them (key symmetry, docs/performance.md). Ascending key order, used before,
 * tied the visiting order to the names.
 */
export function withKey(m: GoMap, key: number, entry: number): GoMap {
  const at = m.findIndex(([k]) => k === key);
  if (at < 0) return entry === NONE ? m : [...m, [key, entry] as const];
  if (entry === NONE) return [...m.slice(0, at), ...m.slice(at + 1)];
  const next = m.slice();
  next[at] = [key, entry] as const;
  return next;
}

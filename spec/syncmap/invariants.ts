import { EXPUNGED, isValue, NONE, P_NIL } from './constants.js';
import { lookup, mapOf, type Mem, readOnlyOf, type SyncMapState } from './state.js';

/**
 * The invariants of sync.Map (reference §2, I1–I8), one small named predicate each so that a
 * violation names its cause. State properties are checked where no operation runs; transition
 * properties are checked by the interpreter on every step, comparing memory before and after it,
 * so a mutated step cannot slip past them, and the first one broken stays recorded in the state.
 */
export interface StateInvariant {
  name: string;
  holds(m: Mem): boolean;
}

export interface TransitionInvariant {
  name: string;
  /** Whether the step goroutine g took from `before` to `after` keeps the property. */
  holds(before: Mem, after: Mem, g: number): boolean;
}

/** The pairs of the published read.m: [key, entry]. */
function readPairs(m: Mem): ReadonlyArray<readonly [number, number]> {
  return mapOf(m, readOnlyOf(m, m.read).m);
}

/**
 * In the order they are checked: I5 and I6 are special cases of I4 (an expunged or a deleted
 * entry out of place), so they come first and name the more precise cause.
 */
export const STATE_INVARIANTS: readonly StateInvariant[] = [
  {
    // A goroutine that returned with mu held leaves every later Lock waiting forever.
    name: 'mu is free when no operation runs',
    holds: (m) => m.mu === NONE,
  },
  {
    // Every Go map write goes to dirty; if read.m were the same map it would change after publication.
    name: 'I2 read.m and dirty are different maps',
    holds: (m) => m.dirty === NONE || readOnlyOf(m, m.read).m !== m.dirty,
  },
  {
    name: 'I3 read.amended iff dirty is not nil',
    holds: (m) => readOnlyOf(m, m.read).amended === (m.dirty !== NONE),
  },
  {
    name: 'I5 expunged entries are in read.m only, while dirty is not nil',
    holds: (m) =>
      readPairs(m).every(([k, e]) => m.entries[e] !== EXPUNGED || (m.dirty !== NONE && lookup(m, m.dirty, k) !== e))
      && mapOf(m, m.dirty).every(([, e]) => m.entries[e] !== EXPUNGED),
  },
  {
    name: 'I6 a deleted entry of read.m is in dirty, or dirty is nil',
    holds: (m) => readPairs(m).every(([k, e]) => m.entries[e] !== P_NIL || m.dirty === NONE || lookup(m, m.dirty, k) === e),
  },
  {
    name: 'I4 dirty holds every unexpunged entry of read.m',
    holds: (m) => m.dirty === NONE || readPairs(m).every(([k, e]) => m.entries[e] === EXPUNGED || lookup(m, m.dirty, k) === e),
  },
];

/** Whether e.p may go from `from` to `to` in a step whose goroutine does (not) hold mu (I7). */
function allowedP(from: number, to: number, holdsMu: boolean): boolean {
  if (from === to) return true;
  if (to === EXPUNGED) return from === P_NIL && holdsMu; // dirtyLocked's expunge
  if (from === EXPUNGED) return to === P_NIL && holdsMu; // unexpungeLocked; never straight to a value
  return isValue(from) || isValue(to); // value→value, nil→value, value→nil: lock-free CAS or store
}

/** Whether dirty or misses changed: the field, the contents of any map, or the counter. */
function dirtyOrMissesChanged(b: Mem, a: Mem): boolean {
  if (b.dirty !== a.dirty || b.misses !== a.misses) return true;
  // Only dirty is ever written, so any map that changed was (or aliased) dirty.
  return b.maps.some((m, id) => a.maps[id] !== m);
}

export const TRANSITION_INVARIANTS: readonly TransitionInvariant[] = [
  {
    // [AS] is its own step: mu must be held by the storer on both sides of it.
    name: 'I1 read is stored only under mu',
    holds: (b, a, g) => b.read === a.read || (b.mu === g && a.mu === g),
  },
  {
    name: 'I7 e.p changes only as allowed',
    holds: (b, a, g) => b.entries.every((p, e) => allowedP(p, a.entries[e]!, b.mu === g && a.mu === g)),
  },
  {
    // Plain accesses run after the step's scheduling point: the one after [L] may make them, the one after [U] may not.
    name: 'I8 dirty and misses change only under mu',
    holds: (b, a, g) => !dirtyOrMissesChanged(b, a) || a.mu === g,
  },
  {
    // A promotion publishes the map dirty was: misses must start again from 0.
    name: 'I8 a promotion resets misses',
    holds: (b, a) => b.read === a.read || b.dirty === NONE || readOnlyOf(a, a.read).m !== b.dirty || a.misses === 0,
  },
];

/** The first transition invariant the step broke, or undefined. */
export function brokenTransition(before: Mem, after: Mem, g: number): string | undefined {
  return TRANSITION_INVARIANTS.find((t) => !t.holds(before, after, g))?.name;
}

/** The first invariant broken: a transition recorded on the way here, then the state's own. */
export function brokenInvariant(s: SyncMapState): string | undefined {
  return s.violated ?? STATE_INVARIANTS.find((inv) => !inv.holds(s.mem))?.name;
}

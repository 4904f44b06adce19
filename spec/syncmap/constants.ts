/** Constants of the sync.Map spec that are not configuration. */

/** A nil pointer: no readOnly stored yet, a nil map, a key absent from a map, a free mutex. */
export const NONE = -1;

/**
 * The three kinds of e.p (map.go:80-101), as one number: 0 is nil (deleted), EXPUNGED is the
 * `expunged` sentinel (77), and a positive number v is a pointer to an interface holding v.
 * Naming a pointer by its value is exact here: every operation's value is unique, and no entry
 * is ever given the same value twice (a Range 'store' body writes one value to several keys, but
 * each key's entry at most once), so two distinct pointers in one entry never hold equal values
 * and CompareAndSwapPointer compares what Go compares.
 */
export const P_NIL = 0;
export const EXPUNGED = -1;

/** What a Range callback does with each pair: the RangeBody of spec/types.ts, as a local. */
export const BODY_NONE = 0;
export const BODY_STOP = 1;
export const BODY_DELETE = 2;
export const BODY_STORE = 3;

/** Go's fatal() when Unlock finds mu unlocked (sync/mutex.go:229). */
export const UNLOCK_OF_UNLOCKED = 'sync: unlock of unlocked mutex';
/** Go's panic on a write to a nil map (runtime/map.go:580). */
export const NIL_MAP_WRITE = 'assignment to entry in nil map';

/** Whether e.p points to a value (is neither nil nor expunged). */
export function isValue(p: number): boolean {
  return p > 0;
}

/** How e.p reads to a person. */
export function showP(p: number): string {
  if (p === P_NIL) return 'nil';
  if (p === EXPUNGED) return 'expunged';
  return `v${p}`;
}

/**
 * Go 1.19's map constants (runtime/map.go:93-104) and the texts of its fatal errors, written out
 * here rather than imported from the spec: the implementation is checked against the spec, so it
 * must not borrow the spec's code.
 */

/** tophash marks below minTopHash. */
export const EMPTY_REST = 0; // this cell and every later cell in the chain are empty
export const EMPTY_ONE = 1; // this cell is empty
export const EVACUATED_X = 2; // moved to the first half of the new array
export const EVACUATED_Y = 3; // moved to the second half
export const EVACUATED_EMPTY = 4; // empty, and the bucket is evacuated
export const MIN_TOPHASH = 5; // smallest tophash of a real key

/** hmap.flags bits. */
export const ITERATOR = 1;
export const OLD_ITERATOR = 2;
export const HASH_WRITING = 4;
export const SAME_SIZE_GROW = 8;

/** A bucket pointer in a local variable: a bucket id, or one of these. */
export const NIL = -1;
/** Pointer arithmetic that left its allocation (only reachable through races). */
export const WILD = -2;

/** Go's fatal() texts (map.go:414/475, 594, 873). */
export const FATAL_WRITES = 'concurrent map writes';
export const FATAL_READ_WRITE = 'concurrent map read and map write';
export const FATAL_ITER_WRITE = 'concurrent map iteration and map write';
/** Go's throw() texts (map.go:1068, 1185). */
export const THROW_BAD_MAP_STATE = 'bad map state';
export const THROW_OLDOVERFLOW = 'oldoverflow is not nil';
/** What a nil bucket dereference becomes on a user goroutine (runtime/panic.go:259). */
export const PANIC_NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';
/**
 * Not Go's: Go would read or write foreign memory through a wild bucket pointer. Here every
 * bucket access is bounds-checked against its allocation, so the run stops instead, with the
 * name the spec gives this outcome.
 */
export const WILD_ACCESS = 'bucket access inside its allocation';

export function isEmpty(top: number): boolean {
  return top <= EMPTY_ONE;
}

/** evacuated(b)'s test on tophash[0]: 1 < top < 5 (map.go:203-206). */
export function isEvacuatedMark(top: number): boolean {
  return top > EMPTY_ONE && top < MIN_TOPHASH;
}

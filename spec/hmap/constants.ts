/** Go 1.19 runtime map constants that are not configuration (map.go:93-104). */

/** tophash marks below minTopHash (map.go:93-98). */
export const EMPTY_REST = 0; // this cell and every later cell in the chain are empty
export const EMPTY_ONE = 1; // this cell is empty
export const EVACUATED_X = 2; // key/elem moved to the first half of the larger table
export const EVACUATED_Y = 3; // key/elem moved to the second half
export const EVACUATED_EMPTY = 4; // cell empty, bucket evacuated
export const MIN_TOPHASH = 5; // smallest tophash of a real key

/** hmap.flags bits (map.go:101-104). */
export const ITERATOR = 1; // there may be an iterator using buckets
export const OLD_ITERATOR = 2; // there may be an iterator using oldbuckets
export const HASH_WRITING = 4; // a goroutine is writing to the map
export const SAME_SIZE_GROW = 8; // the current grow is to a map of the same size

/** The null pointer and the zero value of keys and elems in fresh memory. */
export const NIL = -1;
/** A bucket pointer computed past the end of its allocation (only reachable through races). */
export const WILD = -2;
/** Zeroed key memory: holds no modelled key (key kN is the Go int N+1, so 0 is none of them). */
export const ZERO_KEY = -1;
/** Zeroed elem memory: Go's zero value; operation values start at 1. */
export const ZERO_ELEM = 0;

/** Go's fatal() texts for the three detected misuses (map.go:414/475, 594, 873). */
export const FATAL_WRITES = 'concurrent map writes';
export const FATAL_READ_WRITE = 'concurrent map read and map write';
export const FATAL_ITER_WRITE = 'concurrent map iteration and map write';

/** Go's throw() texts in the map code (map.go:1068, 1185) . */
export const THROW_BAD_MAP_STATE = 'bad map state';
export const THROW_OLDOVERFLOW = 'oldoverflow is not nil';

export function isEmpty(top: number): boolean {
  return top <= EMPTY_ONE;
}

/** evacuated(b): 1 < tophash[0] < 5 (map.go:203-206). */
export function isEvacuatedMark(top: number): boolean {
  return top > EMPTY_ONE && top < MIN_TOPHASH;
}
/** runtime/panic.go:259 — what a nil bucket pointer dereference becomes on a user goroutine. */
export const PANIC_NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';
/** The invariant name reported when an access leaves every allocation (the model cannot follow it). */
export const WILD_ACCESS = 'bucket access inside its allocation';

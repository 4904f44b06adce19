/**
 * The scheduling points of SharedSyncMap: before every access the spec (spec/syncmap/) has as a
 * step, the implementation calls its hook with that step's label, '<go function>: <statement>
 * (<access>)'. Written out here rather than taken from the spec's tables, so that the tests
 * compare two independent texts.
 */

const label = (fn: string, text: string): string => `${fn}: ${text}`;

const READ_FIRST = 'read, _ := m.read.Load().(readOnly) (atomic load)';
const READ_AGAIN = 'read, _ = m.read.Load().(readOnly) (atomic load)';
const LOCK = 'm.mu.Lock() (lock)';
const UNLOCK = 'm.mu.Unlock() (unlock)';
const AMEND = 'm.read.Store(readOnly{m: read.m, amended: true}) (atomic store)';

/** The steps every Map method of sync/map.go has: a first read, and the locked re-read. */
function method(fn: string) {
  return { read: label(fn, READ_FIRST), lock: label(fn, LOCK), reload: label(fn, READ_AGAIN), unlock: label(fn, UNLOCK) };
}

export type MethodLabels = ReturnType<typeof method>;

export const LOAD = method('Load');
/** Delete is LoadAndDelete with the results dropped: it has no steps of its own. */
export const LOAD_AND_DELETE = method('LoadAndDelete');
export const STORE = { ...method('Store'), amend: label('Store', AMEND) };
export const LOAD_OR_STORE = { ...method('LoadOrStore'), amend: label('LoadOrStore', AMEND) };
export const RANGE = { ...method('Range'), publish: label('Range', 'm.read.Store(read) (atomic store)') };

export const MISS_LOCKED = { promote: label('missLocked', 'm.read.Store(readOnly{m: m.dirty}) (atomic store)') };
export const DIRTY_LOCKED = { read: label('dirtyLocked', READ_FIRST) };

const LOAD_P = 'p := atomic.LoadPointer(&e.p) (atomic load)';
const RELOAD_P = 'p = atomic.LoadPointer(&e.p) (atomic load)';

export const E_LOAD = { load: label('e.load', LOAD_P) };
export const E_TRY_STORE = {
  load: label('e.tryStore', LOAD_P),
  cas: label('e.tryStore', 'atomic.CompareAndSwapPointer(&e.p, p, unsafe.Pointer(i)) (atomic CAS)'),
};
export const E_UNEXPUNGE = { cas: label('e.unexpungeLocked', 'return atomic.CompareAndSwapPointer(&e.p, expunged, nil) (atomic CAS)') };
export const E_STORE_LOCKED = { store: label('e.storeLocked', 'atomic.StorePointer(&e.p, unsafe.Pointer(i)) (atomic store)') };
export const E_TRY_LOAD_OR_STORE = {
  load: label('e.tryLoadOrStore', LOAD_P),
  cas: label('e.tryLoadOrStore', 'atomic.CompareAndSwapPointer(&e.p, nil, unsafe.Pointer(&ic)) (atomic CAS)'),
  reload: label('e.tryLoadOrStore', RELOAD_P),
};
export const E_DELETE = {
  load: label('e.delete', LOAD_P),
  cas: label('e.delete', 'atomic.CompareAndSwapPointer(&e.p, p, nil) (atomic CAS)'),
};
export const E_TRY_EXPUNGE = {
  load: label('e.tryExpungeLocked', LOAD_P),
  cas: label('e.tryExpungeLocked', 'atomic.CompareAndSwapPointer(&e.p, nil, expunged) (atomic CAS)'),
  reload: label('e.tryExpungeLocked', RELOAD_P),
};

/**
 * Every label, once each, in a fixed order: the index can serve as the label's id on the wire
 * between a controlled worker and its controller, as HMAP_LABELS does for the plain map.
 */
export const SYNCMAP_LABELS: readonly string[] = [...new Set([
  ...Object.values(LOAD), ...Object.values(STORE), ...Object.values(LOAD_OR_STORE), ...Object.values(LOAD_AND_DELETE),
  ...Object.values(RANGE), ...Object.values(MISS_LOCKED), ...Object.values(DIRTY_LOCKED),
  ...Object.values(E_LOAD), ...Object.values(E_TRY_STORE), ...Object.values(E_UNEXPUNGE), ...Object.values(E_STORE_LOCKED),
  ...Object.values(E_TRY_LOAD_OR_STORE), ...Object.values(E_DELETE), ...Object.values(E_TRY_EXPUNGE),
])];

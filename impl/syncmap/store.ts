import type { SyncCore } from './core.js';
import { storeLocked, tryLoadOrStore, tryStore, unexpungeLocked } from './entry.js';
import { LOAD_OR_STORE, STORE } from './labels.js';
import { dirtyLocked, missLocked } from './locked.js';
import { NIL, type ReadOnlyView } from './memory.js';

/**
 * The new-key branch Store and LoadOrStore share (map.go:162-168, 228-234): the first key only
 * dirty will hold makes dirty (if nil) and marks read amended; then a new entry goes into dirty.
 */
function addNew(c: SyncCore, read: ReadOnlyView, amendLabel: string, key: number, cell: number): void {
  const m = c.mem;
  if (!read.amended) {
    dirtyLocked(c);
    c.storeRead(amendLabel, m.newReadOnly(read.m, true));
  }
  // Go boxes the value again in newEntry; reusing the caller's box is the same, as no pointer to
  // it has been published on this path (tryStore only publishes when its CAS succeeds, and returns).
  c.dirtySet(key, m.newEntry(cell));
}

/**
 * m.Store(key, value) (map.go:144-171): tryStore on read.m's entry without the lock; otherwise,
 * under mu: unexpunge read.m's entry (putting it back into dirty), or store into dirty's entry,
 * or add a new entry. Store never counts a miss.
 */
export function store(c: SyncCore, key: number, value: number): void {
  // Go's `&value`: the box every path below publishes.
  const cell = c.mem.newCell(value);
  let read = c.loadRead(STORE.read);
  const e = c.readLookup(read, key);
  if (e !== NIL && tryStore(c, e, cell)) return;
  c.locked(STORE, () => {
    read = c.loadRead(STORE.reload);
    const inRead = c.readLookup(read, key);
    if (inRead !== NIL) {
      // Expunged means dirty is not nil and lacks the key (the invariant tryExpungeLocked keeps).
      c.reserveDirty();
      if (unexpungeLocked(c, inRead)) c.dirtySet(key, inRead);
      storeLocked(c, inRead, cell);
      return;
    }
    const inDirty = c.dirtyLookup(key);
    if (inDirty !== NIL) storeLocked(c, inDirty, cell);
    else addNew(c, read, STORE.amend, key, cell);
  });
}

/**
 * m.LoadOrStore(key, value) (map.go:207-240): Store's shape with tryLoadOrStore in place of
 * tryStore and storeLocked; a hit in dirty counts a miss. Returns (actual, loaded).
 */
export function loadOrStore(c: SyncCore, key: number, value: number): { actual: number; loaded: boolean } {
  let read = c.loadRead(LOAD_OR_STORE.read);
  const e = c.readLookup(read, key);
  if (e !== NIL) {
    const r = tryLoadOrStore(c, e, value);
    if (r.ok) return { actual: r.actual, loaded: r.loaded };
  }
  return c.locked(LOAD_OR_STORE, () => {
    read = c.loadRead(LOAD_OR_STORE.reload);
    const inRead = c.readLookup(read, key);
    if (inRead !== NIL) {
      c.reserveDirty();
      if (unexpungeLocked(c, inRead)) c.dirtySet(key, inRead);
      const r = tryLoadOrStore(c, inRead, value);
      return { actual: r.actual, loaded: r.loaded };
    }
    const inDirty = c.dirtyLookup(key);
    if (inDirty !== NIL) {
      const r = tryLoadOrStore(c, inDirty, value);
      missLocked(c);
      return { actual: r.actual, loaded: r.loaded };
    }
    addNew(c, read, LOAD_OR_STORE.amend, key, c.mem.newCell(value));
    return { actual: value, loaded: false };
  });
}

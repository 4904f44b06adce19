import type { SyncCore } from './core.js';
import { entryDelete, entryLoad, type Loaded } from './entry.js';
import { LOAD, LOAD_AND_DELETE } from './labels.js';
import { missLocked } from './locked.js';
import { NIL } from './memory.js';

/**
 * m.Load(key) (map.go:110-133): read.m first; a miss in an amended read looks again under mu,
 * then in dirty, counting a miss; then e.load().
 */
export function load(c: SyncCore, key: number): Loaded {
  let read = c.loadRead(LOAD.read);
  let e = c.readLookup(read, key);
  if (e === NIL && read.amended) {
    e = c.locked(LOAD, () => {
      // Re-read: dirty may have been promoted while this worker waited for mu.
      read = c.loadRead(LOAD.reload);
      let found = c.readLookup(read, key);
      if (found === NIL && read.amended) {
        found = c.dirtyLookup(key);
        missLocked(c);
      }
      return found;
    });
  }
  return e === NIL ? { value: 0, ok: false } : entryLoad(c, e);
}

/**
 * m.LoadAndDelete(key) (map.go:276-297): as Load, but a key found only in dirty is deleted from
 * dirty (whose entry then belongs to no map) before the miss is counted; then e.delete().
 * m.Delete(key) (300-302) is exactly this with the results dropped.
 */
export function loadAndDelete(c: SyncCore, key: number): Loaded {
  let read = c.loadRead(LOAD_AND_DELETE.read);
  let e = c.readLookup(read, key);
  if (e === NIL && read.amended) {
    e = c.locked(LOAD_AND_DELETE, () => {
      read = c.loadRead(LOAD_AND_DELETE.reload);
      let found = c.readLookup(read, key);
      if (found === NIL && read.amended) {
        found = c.dirtyLookup(key);
        c.dirtyDelete(key);
        missLocked(c);
      }
      return found;
    });
  }
  return e === NIL ? { value: 0, ok: false } : entryDelete(c, e);
}

import type { SyncCore } from './core.js';
import { entryLoad } from './entry.js';
import { RANGE } from './labels.js';
import { NIL } from './memory.js';
import { tablePairs } from './table.js';

/**
 * What Range calls for each pair: returning false stops the Range, anything else goes on. It
 * runs with no lock held, so it may call any method of the same map (Store, Delete, ...).
 */
export type RangeCallback = (key: number, value: number) => boolean | void;

/**
 * m.Range(f) (map.go:327-358): an amended read is first replaced by dirty under mu, so every key
 * present at the call is in read.m; then each entry of that read.m is loaded and, if it holds a
 * value, given to f. Not a snapshot: an entry changed after the promotion is seen as it is when
 * its turn comes.
 */
export function range(c: SyncCore, f: RangeCallback): void {
  const m = c.mem;
  let read = c.loadRead(RANGE.read);
  if (read.amended) {
    c.locked(RANGE, () => {
      read = c.loadRead(RANGE.reload);
      if (!read.amended) return;
      const ro = m.newReadOnly(m.dirty(), false);
      read = { ro, ...m.readOnly(ro) };
      c.storeRead(RANGE.publish, ro);
      m.setDirty(NIL);
      m.setMisses(0);
    });
  }
  // read.m is immutable, so the pairs can be taken all at once; each entry's value cannot.
  for (const [k, e] of tablePairs(m, read.m)) {
    const { value, ok } = entryLoad(c, e);
    if (!ok) continue;
    if (f(k, value) === false) break;
  }
}

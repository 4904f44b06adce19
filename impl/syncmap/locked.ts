import type { SyncCore } from './core.js';
import { tryExpungeLocked } from './entry.js';
import { DIRTY_LOCKED, MISS_LOCKED } from './labels.js';
import { NIL } from './memory.js';
import { makeTable, tableLen, tablePairs } from './table.js';

/** The two helpers Go calls with mu held (map.go:360-382). */

/** m.missLocked(): counts a miss; once misses reach len(dirty), dirty becomes read.m. */
export function missLocked(c: SyncCore): void {
  const m = c.mem;
  const misses = m.misses() + 1;
  m.setMisses(misses);
  if (misses < tableLen(m, m.dirty())) return;
  // Allocated before the step, so a full arena stops here with nothing published.
  const ro = m.newReadOnly(m.dirty(), false);
  c.storeRead(MISS_LOCKED.promote, ro);
  // The table now belongs to read.m: no one may write it again, so dirty lets go of it at once.
  m.setDirty(NIL);
  m.setMisses(0);
}

/**
 * m.dirtyLocked(): when dirty is nil, make it a copy of read.m without the deleted entries,
 * which are marked expunged (so a later Store knows to put them back into dirty first). The
 * copy goes in read.m's order, as the spec's does, so dirty starts out in that order too.
 */
export function dirtyLocked(c: SyncCore): void {
  const m = c.mem;
  if (m.dirty() !== NIL) return;
  const read = c.loadRead(DIRTY_LOCKED.read);
  const pairs = tablePairs(m, read.m);
  // Room for every pair, so the copy below never grows the table and cannot run out of memory
  // half way: dirty is either nil or a complete copy.
  m.setDirty(makeTable(m, pairs.length + 1));
  for (const [k, e] of pairs) if (!tryExpungeLocked(c, e)) c.dirtySet(k, e);
}

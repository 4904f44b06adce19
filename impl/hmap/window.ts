import { FATAL_WRITES, HASH_WRITING } from './constants.js';
import type { MapCore } from './core.js';
import { goFatal } from './errors.js';
import type { WriteWindowLabels } from './labels.js';

/**
 * The opening of a write window in mapassign, mapdelete and mapclear: the racy check of
 * hashWriting, then `h.flags ^= hashWriting`, which compiles to a separate plain load and store,
 * so two writers can both pass the check before either sets the flag.
 */
export function openWriteWindow(c: MapCore, L: WriteWindowLabels): void {
  const m = c.mem;
  c.hook(L.checkWriting);
  if (m.flags() & HASH_WRITING) throw goFatal(FATAL_WRITES);
  c.hook(L.toggleLoad);
  const f = m.flags();
  c.hook(L.toggleStore);
  m.setFlags(f ^ HASH_WRITING);
}

/**
 * The close: hashWriting must still be set (a writer that closed its window first cleared it),
 * then `h.flags &^= hashWriting` as a load and a store.
 */
export function closeWriteWindow(c: MapCore, L: WriteWindowLabels): void {
  const m = c.mem;
  c.hook(L.endCheck);
  if (!(m.flags() & HASH_WRITING)) throw goFatal(FATAL_WRITES);
  c.hook(L.clearLoad);
  const f = m.flags();
  c.hook(L.clearStore);
  m.setFlags(f & ~HASH_WRITING);
}

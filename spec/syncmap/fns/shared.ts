import { NONE } from '../constants.js';
import type { Ctx } from '../ctx.js';

/** e, ok := read.m[key] on the readOnly in local `read`: read.m is immutable, so no access. */
export function lookupRead(c: Ctx): void {
  c.v.e = c.readLookup(c.v.read!, c.v.key!);
  c.v.ok = c.v.e === NONE ? 0 : 1;
}

/** Whether the key was not found in read.m but dirty may hold it: `!ok && read.amended`. */
export function missedAmended(c: Ctx): boolean {
  return !c.v.ok && c.readAmended(c.v.read!);
}

/** e, ok = m.dirty[key]: a plain read, made with mu held. */
export function lookupDirty(c: Ctx): void {
  c.v.e = c.dirtyLookup(c.v.key!);
  c.v.ok = c.v.e === NONE ? 0 : 1;
}

/** [AS] m.read.Store(readOnly{m: read.m, amended: true}): the first key only dirty holds. */
export function markAmended(c: Ctx): void {
  c.storeRead(c.newReadOnly(c.readMap(c.v.read!), true));
}

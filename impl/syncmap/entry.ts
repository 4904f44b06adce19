import type { SyncCore } from './core.js';
import { E_DELETE, E_LOAD, E_STORE_LOCKED, E_TRY_EXPUNGE, E_TRY_LOAD_OR_STORE, E_TRY_STORE, E_UNEXPUNGE } from './labels.js';
import { EXPUNGED, NIL } from './memory.js';

/**
 * The methods of *entry (map.go:135-141, 177-202, 247-272, 304-314, 384-393). `e` is the
 * entry's address; every access to e.p is an Atomics operation and one step, as in Go, where
 * every access to e.p goes through sync/atomic.
 */

export interface Loaded {
  value: number;
  ok: boolean;
}

/** A fresh object each time: callers own what they are given. */
const absent = (): Loaded => ({ value: 0, ok: false });

/** e.load(): nil and expunged both read as absent. */
export function entryLoad(c: SyncCore, e: number): Loaded {
  c.hook(E_LOAD.load);
  const p = c.mem.loadP(e);
  return p === NIL || p === EXPUNGED ? absent() : { value: c.mem.cell(p), ok: true };
}

/** e.tryStore(cell): false once e is expunged (the caller then takes mu). */
export function tryStore(c: SyncCore, e: number, cell: number): boolean {
  for (;;) {
    c.hook(E_TRY_STORE.load);
    const p = c.mem.loadP(e);
    if (p === EXPUNGED) return false;
    c.hook(E_TRY_STORE.cas);
    if (c.mem.casP(e, p, cell)) return true;
  }
}

/** e.unexpungeLocked(): whether e was expunged (it is then nil, and the caller puts it into dirty). */
export function unexpungeLocked(c: SyncCore, e: number): boolean {
  c.hook(E_UNEXPUNGE.cas);
  return c.mem.casP(e, EXPUNGED, NIL);
}

/** e.storeLocked(cell): the caller holds mu and knows e is not expunged. */
export function storeLocked(c: SyncCore, e: number, cell: number): void {
  c.hook(E_STORE_LOCKED.store);
  c.mem.storeP(e, cell);
}

export interface TriedLoadOrStore {
  actual: number;
  loaded: boolean;
  /** False when e is expunged: nothing was loaded or stored. */
  ok: boolean;
}

/** e.tryLoadOrStore(value): loads a value e holds, stores into a nil e, fails on an expunged e. */
export function tryLoadOrStore(c: SyncCore, e: number, value: number): TriedLoadOrStore {
  c.hook(E_TRY_LOAD_OR_STORE.load);
  let p = c.mem.loadP(e);
  // Go boxes the value (`ic := i`) only on the way to the CAS, once per call.
  let cell = NIL;
  for (;;) {
    if (p === EXPUNGED) return { actual: 0, loaded: false, ok: false };
    if (p !== NIL) return { actual: c.mem.cell(p), loaded: true, ok: true };
    if (cell === NIL) cell = c.mem.newCell(value);
    c.hook(E_TRY_LOAD_OR_STORE.cas);
    if (c.mem.casP(e, NIL, cell)) return { actual: value, loaded: false, ok: true };
    c.hook(E_TRY_LOAD_OR_STORE.reload);
    p = c.mem.loadP(e);
  }
}

/** e.delete(): the value it took out, or absent when e was already nil or expunged. */
export function entryDelete(c: SyncCore, e: number): Loaded {
  for (;;) {
    c.hook(E_DELETE.load);
    const p = c.mem.loadP(e);
    if (p === NIL || p === EXPUNGED) return absent();
    c.hook(E_DELETE.cas);
    if (c.mem.casP(e, p, NIL)) return { value: c.mem.cell(p), ok: true };
  }
}

/** e.tryExpungeLocked(): marks a nil e expunged; whether e is expunged now. */
export function tryExpungeLocked(c: SyncCore, e: number): boolean {
  c.hook(E_TRY_EXPUNGE.load);
  let p = c.mem.loadP(e);
  while (p === NIL) {
    c.hook(E_TRY_EXPUNGE.cas);
    if (c.mem.casP(e, NIL, EXPUNGED)) return true;
    c.hook(E_TRY_EXPUNGE.reload);
    p = c.mem.loadP(e);
  }
  return p === EXPUNGED;
}

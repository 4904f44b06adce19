import { isDeepStrictEqual } from 'node:util';
import { contentsOf as implContents, type PImage, type SyncMapImage } from '../../impl/syncmap/image.js';
import { EXPUNGED, NONE, P_NIL } from '../../spec/syncmap/constants.js';
import { contents as specContents, keysIn } from '../../spec/syncmap/contents.js';
import { lookup, mapOf, type Mem, readOnlyOf } from '../../spec/syncmap/state.js';

/**
 * What the sync.Map comparison looks at, in the order it looks: the abstract contents first (what
 * any method would see), then the structure both sides expose without heap addresses: read
 * (present? read.m's keys and each entry's e.p), read.amended, dirty (nil? its keys, each e.p,
 * and whether the entry is read.m's very entry for the key), misses, and whether mu is held.
 * Heap ids and arena addresses are not compared: the spec numbers objects by creation, the
 * implementation allocates extra boxes and grows tables, and neither is observable in Go.
 */
export type SyncPart = 'contents' | 'read' | 'amended' | 'dirty' | 'misses' | 'mu';

/** The spec's memory in the implementation's image terms (PImage names a pointer by its value, as the spec does). */
export function specSyncImage(mem: Mem): SyncMapImage {
  const p = (e: number): PImage => {
    const ptr = mem.entries[e]!;
    if (ptr === P_NIL) return 'nil';
    return ptr === EXPUNGED ? 'expunged' : { value: ptr };
  };
  const ro = readOnlyOf(mem, mem.read);
  return {
    read: mem.read === NONE ? null : { m: ro.m === NONE ? null : mapOf(mem, ro.m).map(([k, e]): [number, PImage] => [k, p(e)]), amended: ro.amended },
    dirty: mem.dirty === NONE ? null : mapOf(mem, mem.dirty).map(([k, e]): [number, PImage, boolean] => [k, p(e), lookup(mem, ro.m, k) === e]),
    misses: mem.misses,
    locked: mem.mu !== NONE,
  };
}

const showP = (p: PImage): string => (typeof p === 'object' ? `v${p.value}` : p);

function showPairs(pairs: ReadonlyArray<readonly [number, number]>): string {
  return `map[${pairs.map(([k, v]) => `k${k}:v${v}`).join(' ')}]`;
}

function showRead(img: SyncMapImage): string {
  if (img.read === null) return 'nil (nothing stored yet)';
  return img.read.m === null ? 'read.m = nil' : `read.m = {${img.read.m.map(([k, p]) => `k${k}:${showP(p)}`).join(' ')}}`;
}

function showDirty(img: SyncMapImage): string {
  if (img.dirty === null) return 'nil';
  // "(shared)": the entry is the one read.m has for the key, as Go's dirty shares read.m's entries.
  return `{${img.dirty.map(([k, p, shared]) => `k${k}:${showP(p)}${shared ? ' (shared)' : ''}`).join(' ')}}`;
}

/**
 * The first part in which the implementation's sync.Map differs from the spec's memory, or
 * undefined. `mu: false` leaves mu out: after a crash the spec's goroutine dies holding it, while
 * the implementation releases it on the way out (Mutex.abandon), and Go's program is over anyway.
 */
export function syncmapDifference(spec: Mem, impl: SyncMapImage, opts: { mu: boolean }): { part: SyncPart; expected: string; actual: string } | undefined {
  // Computed on each side by its own code (spec/syncmap/contents.ts, impl/syncmap/image.ts).
  const want = specContents(spec, keysIn(spec)).flatMap((v, k): Array<[number, number]> => (v === 0 ? [] : [[k, v]]));
  const got = [...implContents(impl)];
  if (!isDeepStrictEqual(want, got)) return { part: 'contents', expected: showPairs(want), actual: showPairs(got) };
  const s = specSyncImage(spec);
  if (!isDeepStrictEqual(s.read?.m ?? null, impl.read?.m ?? null) || (s.read === null) !== (impl.read === null)) {
    return { part: 'read', expected: showRead(s), actual: showRead(impl) };
  }
  if ((s.read?.amended ?? false) !== (impl.read?.amended ?? false)) {
    return { part: 'amended', expected: String(s.read?.amended ?? false), actual: String(impl.read?.amended ?? false) };
  }
  if (!isDeepStrictEqual(s.dirty, impl.dirty)) return { part: 'dirty', expected: showDirty(s), actual: showDirty(impl) };
  if (s.misses !== impl.misses) return { part: 'misses', expected: String(s.misses), actual: String(impl.misses) };
  if (opts.mu && s.locked !== impl.locked) return { part: 'mu', expected: s.locked ? 'held' : 'free', actual: impl.locked ? 'held' : 'free' };
  return undefined;
}

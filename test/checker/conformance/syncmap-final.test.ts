/**
 * The sync.Map comparison: the spec's memory and the implementation's image after the same
 * program agree, and a change to any compared part is named, contents first.
 */
import { describe, expect, it } from 'vitest';
import { syncmapDifference } from '../../../checker/conformance/syncmap-final.js';
import { SharedSyncMap, type SyncMapImage } from '../../../impl/syncmap/index.js';
import { SMALL } from '../../../spec/config.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import type { Op } from '../../../spec/types.js';
import { runProgram } from '../../spec/run.js';

/** Ends with read.m {k0: expunged, k1: v2}, amended, dirty {k1 (read.m's entry), k2: v3}, one miss. */
const PROGRAM: Op[] = [
  { kind: 'assign', key: 0, value: 1 }, { kind: 'assign', key: 1, value: 2 },
  { kind: 'access', key: 1 }, { kind: 'access', key: 0 }, // the second miss promotes dirty
  { kind: 'delete', key: 0 }, { kind: 'assign', key: 2, value: 3 }, // dirtyLocked expunges k0
  { kind: 'access', key: 2 },
];

const spec = runProgram(syncmapTarget(SMALL), SMALL, PROGRAM).state.mem;
const map = SharedSyncMap.create(SMALL);
for (const op of PROGRAM) map.run(op);
const impl = map.inspect();

function edit(change: (img: SyncMapImage) => void): SyncMapImage {
  const img = structuredClone(impl);
  change(img);
  return img;
}

describe('syncmapDifference', () => {
  it('finds none between the spec and the implementation after the same program', () => {
    expect(impl).toEqual({
      read: { m: [[0, 'expunged'], [1, { value: 2 }]], amended: true },
      dirty: [[1, { value: 2 }, true], [2, { value: 3 }, false]],
      misses: 1,
      locked: false,
    });
    expect(syncmapDifference(spec, impl, { mu: true })).toBeUndefined();
  });

  it('names the contents first', () => {
    const img = edit((i) => { i.dirty![1]![1] = { value: 9 }; });
    expect(syncmapDifference(spec, img, { mu: true })).toEqual({ part: 'contents', expected: 'map[k1:v2 k2:v3]', actual: 'map[k1:v2 k2:v9]' });
  });

  it('then read, amended, dirty, misses and mu, each where contents agree', () => {
    // Expunged and nil both read as absent: only the structure tells them apart.
    expect(syncmapDifference(spec, edit((i) => { i.read!.m![0]![1] = 'nil'; }), { mu: true }))
      .toEqual({ part: 'read', expected: 'read.m = {k0:expunged k1:v2}', actual: 'read.m = {k0:nil k1:v2}' });
    // k2 moved from dirty into read.m: the same contents, another read.m.
    expect(syncmapDifference(spec, edit((i) => { i.read!.amended = false; i.read!.m!.push([2, { value: 3 }]); }), { mu: true }))
      .toEqual({ part: 'read', expected: 'read.m = {k0:expunged k1:v2}', actual: 'read.m = {k0:expunged k1:v2 k2:v3}' });
    expect(syncmapDifference(spec, edit((i) => { i.dirty![0]![2] = false; }), { mu: true }))
      .toEqual({ part: 'dirty', expected: '{k1:v2 (shared) k2:v3}', actual: '{k1:v2 k2:v3}' });
    expect(syncmapDifference(spec, edit((i) => { i.misses = 2; }), { mu: true })).toEqual({ part: 'misses', expected: '1', actual: '2' });
    expect(syncmapDifference(spec, edit((i) => { i.locked = true; }), { mu: true })).toEqual({ part: 'mu', expected: 'free', actual: 'held' });
    // After a crash mu is left out: the spec's goroutine died holding it, the implementation let go.
    expect(syncmapDifference(spec, edit((i) => { i.locked = true; }), { mu: false })).toBeUndefined();
  });

  it('tells read.amended apart when nothing else differs', () => {
    // Just after a promotion dirty is nil, so a wrong amended flag adds nothing to the contents.
    const promoted = runProgram(syncmapTarget(SMALL), SMALL, PROGRAM.slice(0, 4)).state.mem;
    const m = SharedSyncMap.create(SMALL);
    for (const op of PROGRAM.slice(0, 4)) m.run(op);
    const img = m.inspect();
    expect(img.dirty).toBeNull();
    expect(syncmapDifference(promoted, img, { mu: true })).toBeUndefined();
    expect(syncmapDifference(promoted, { ...img, read: { ...img.read!, amended: true } }, { mu: true }))
      .toEqual({ part: 'amended', expected: 'false', actual: 'true' });
  });
});

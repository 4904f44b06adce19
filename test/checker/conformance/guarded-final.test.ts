/**
 * The guarded maps' comparison: the spec's state and the implementation's image after the same
 * program agree, and a change to a shard's map or to a lock word is named, shard and lock by the
 * spec's names, the lock in the spec's terms.
 */
import { describe, expect, it } from 'vitest';
import { guardedDifference, lockDifference } from '../../../checker/conformance/guarded-final.js';
import { type GuardedImage, SharedMutexMap, SharedRWMutexMap, SharedShardedMap } from '../../../impl/guarded/index.js';
import type { MutexImage } from '../../../impl/sync/mutex.js';
import type { RWMutexImage } from '../../../impl/sync/rwmutex.js';
import { SMALL } from '../../../spec/config.js';
import { mutexMapTarget, rwmutexMapTarget, shardedMapTarget } from '../../../spec/guarded/index.js';
import { RWMUTEX_MAX_READERS } from '../../../spec/sync/rwmutex.js';
import type { Op } from '../../../spec/types.js';
import { runProgram } from '../../spec/run.js';

const PROGRAM: Op[] = [
  { kind: 'assign', key: 0, value: 1 }, { kind: 'assign', key: 1, value: 2 }, { kind: 'assign', key: 2, value: 3 },
  { kind: 'delete', key: 1 }, { kind: 'access', key: 2 },
];

function edit(img: GuardedImage, change: (img: GuardedImage) => void): GuardedImage {
  const copy = structuredClone(img);
  change(copy);
  return copy;
}

const single = (lock: string) => ({ lock: () => lock, map: () => '' });
const sharded = { lock: (i: number) => `s${i}:rw`, map: (i: number) => `s${i}:` };

describe('guardedDifference', () => {
  it('finds none after the same program, for each guarded map', () => {
    const mu = SharedMutexMap.create(SMALL);
    const rw = SharedRWMutexMap.create(SMALL);
    const sh = SharedShardedMap.create(SMALL, { shards: 3 });
    for (const op of PROGRAM) [mu, rw, sh].forEach((m) => m.run(op));
    expect(guardedDifference(runProgram(mutexMapTarget(SMALL), SMALL, PROGRAM).state, mu.inspect(), single('mu'))).toBeUndefined();
    expect(guardedDifference(runProgram(rwmutexMapTarget(SMALL), SMALL, PROGRAM).state, rw.inspect(), single('rw'))).toBeUndefined();
    expect(guardedDifference(runProgram(shardedMapTarget(SMALL, 3), SMALL, PROGRAM).state, sh.inspect(), sharded)).toBeUndefined();
  });

  it('names the map part first, then the lock; a mutex by its state and any sema left over', () => {
    const map = SharedMutexMap.create(SMALL);
    for (const op of PROGRAM) map.run(op);
    const spec = runProgram(mutexMapTarget(SMALL), SMALL, PROGRAM).state;
    const img = map.inspect();
    const held = edit(img, (i) => { (i.locks[0] as MutexImage).state = 1; });
    expect(guardedDifference(spec, held, single('mu'))).toEqual({ part: 'lock', expected: 'mu state=0', actual: 'mu state=1' });
    // A token on sema: the spec has no such word, so it shows as a difference.
    const token = edit(img, (i) => { (i.locks[0] as MutexImage).sema = 1; });
    expect(guardedDifference(spec, token, single('mu'))).toEqual({ part: 'lock', expected: 'mu state=0', actual: 'mu state=0 sema=1' });
    const counted = edit(held, (i) => { i.maps[0]!.count = 7; });
    expect(guardedDifference(spec, counted, single('mu'))).toEqual({ part: 'count', expected: '2', actual: '7' });
  });

  it("shows an RWMutex's words as the spec's details do, and names a sharded map's shard", () => {
    const map = SharedShardedMap.create(SMALL);
    for (const op of PROGRAM) map.run(op);
    const spec = runProgram(shardedMapTarget(SMALL), SMALL, PROGRAM).state;
    const img = map.inspect();
    const pending = edit(img, (i) => { (i.locks[1] as RWMutexImage).readerCount = 1 - RWMUTEX_MAX_READERS; });
    expect(lockDifference(spec, pending, sharded)).toEqual({
      part: 'lock',
      expected: 's1:rw w.state=0 writerSem=0 readerSem=0 readerCount=0 readerWait=0',
      actual: 's1:rw w.state=0 writerSem=0 readerSem=0 readerCount=-max+1 readerWait=0',
    });
    const shard = img.maps.findIndex((m) => m.count > 0);
    const lost = edit(img, (i) => { i.maps[shard]!.count = 0; });
    expect(guardedDifference(spec, lost, sharded)).toMatchObject({ part: 'count', expected: `s${shard}: ${img.maps[shard]!.count}`, actual: `s${shard}: 0` });
  });

  it('refuses to compare states made for different shard counts', () => {
    const spec = runProgram(shardedMapTarget(SMALL, 2), SMALL, []).state;
    expect(() => guardedDifference(spec, SharedShardedMap.create(SMALL, { shards: 3 }).inspect(), sharded)).toThrow(/2 shard\(s\), the implementation 3/);
  });
});

/**
 * Controlled workers on the guarded maps: a goroutine the spec holds back at a lock stands at the
 * lock's scheduling point without having touched the lock (no waiter counted, no sleep), takes the
 * lock at once when granted after the holder let go, and a grant the lock cannot honour (which the
 * spec never gives) ends in LockWaitTimeout at that step rather than a hung worker.
 */
import { describe, expect, it } from 'vitest';
import { contentsOf, imageToHmap } from '../../../checker/conformance/image.js';
import type { GuardedImage } from '../../../impl/guarded/index.js';
import { SharedMutexMap, SharedRWMutexMap } from '../../../impl/guarded/index.js';
import { ACCESS2, ASSIGN } from '../../../impl/hmap/labels.js';
import { Controller, type GoroutineState } from '../../../impl/sched/controller.js';
import { SCHED_LABELS } from '../../../impl/sched/labels.js';
import type { SchedTarget } from '../../../impl/sched/types.js';
import { MUTEX_STEP, RWMUTEX_MAX_READERS, RWMUTEX_STEP } from '../../../impl/sync/index.js';
import { SMALL } from '../../../spec/config.js';
import type { Op } from '../../../spec/types.js';

const W: Op = { kind: 'assign', key: 0, value: 1 };
const W2: Op = { kind: 'assign', key: 0, value: 2 };
const R: Op = { kind: 'access', key: 0 };

function start(target: SchedTarget, map: { buffer: SharedMutexMap['buffer'] }, programs: Op[][], waitMs = 2_000) {
  return Controller.start({
    goroutines: programs.map((program) => ({ target, config: SMALL, map: map.buffer, program, waitMs })),
    labels: SCHED_LABELS[target],
  });
}

/** Steps g until it stands at `label` (not taking that step); fails if it ends first. */
function runTo(ctl: Controller, g: number, label: string): void {
  for (let s: GoroutineState = ctl.state(g); !(s.kind === 'at' && s.label === label); s = ctl.step(g)) {
    if (s.kind !== 'at') throw new Error(`G${g} ended (${s.kind}) before reaching ${label}`);
  }
}

function finish(ctl: Controller, g: number): GoroutineState {
  let s = ctl.state(g);
  while (s.kind === 'at') s = ctl.step(g);
  return s;
}

const contents = (img: GuardedImage) => contentsOf(imageToHmap(img.maps[0]!));

describe('controlled guarded maps', () => {
  it('holds a Lock that found the mutex held at lockSlow, uncounted, until granted after the Unlock', async () => {
    const map = SharedMutexMap.create(SMALL);
    const ctl = await start('mutex-map', map, [[W], [W2]]);
    try {
      expect(ctl.state(0)).toEqual({ kind: 'at', label: MUTEX_STEP.lockFast });
      expect(ctl.step(0)).toEqual({ kind: 'at', label: ASSIGN.checkWriting });
      expect(ctl.step(1)).toEqual({ kind: 'at', label: MUTEX_STEP.lockSlow });
      // Only the holder's bit: G1 has neither counted itself a waiter nor slept on sema.
      expect(map.inspect().locks[0]).toEqual({ state: 1, sema: 0 });
      runTo(ctl, 0, MUTEX_STEP.unlock);
      expect(ctl.step(0)).toEqual({ kind: 'done' });
      expect(map.inspect().locks[0]).toEqual({ state: 0, sema: 0 });
      // Granted now, the slow path's CAS takes the free mutex at the first try.
      expect(ctl.step(1)).toEqual({ kind: 'at', label: ASSIGN.checkWriting });
      expect(map.inspect().locks[0]).toEqual({ state: 1, sema: 0 });
      expect(finish(ctl, 1)).toEqual({ kind: 'done' });
      expect(map.inspect().locks[0]).toEqual({ state: 0, sema: 0 });
      expect(contents(map.inspect())).toEqual([[0, 2]]);
    } finally {
      await ctl.close();
    }
  });

  it('holds a reader behind a writer at its semacquire until the writer has released a token', async () => {
    const map = SharedRWMutexMap.create(SMALL);
    const ctl = await start('rwmutex-map', map, [[W], [R]]);
    try {
      expect(ctl.step(0)).toEqual({ kind: 'at', label: RWMUTEX_STEP.lockAnnounce });
      expect(ctl.step(0)).toEqual({ kind: 'at', label: ASSIGN.checkWriting });
      expect(ctl.step(1)).toEqual({ kind: 'at', label: RWMUTEX_STEP.rLockWait });
      expect(map.inspect().locks[0]).toMatchObject({ readerCount: 1 - RWMUTEX_MAX_READERS, readerSem: 0 });
      runTo(ctl, 0, RWMUTEX_STEP.unlockAnnounce);
      // One reader arrived while the writer held the lock: Unlock wakes it before freeing w.
      expect(ctl.step(0)).toEqual({ kind: 'at', label: RWMUTEX_STEP.unlockWake });
      expect(ctl.step(0)).toEqual({ kind: 'at', label: MUTEX_STEP.unlock });
      expect(map.inspect().locks[0]).toMatchObject({ readerCount: 1, readerSem: 1 });
      expect(ctl.step(1)).toEqual({ kind: 'at', label: ACCESS2.count });
      expect(map.inspect().locks[0]).toMatchObject({ readerSem: 0 });
      expect(finish(ctl, 0)).toEqual({ kind: 'done' });
      expect(finish(ctl, 1)).toEqual({ kind: 'done' });
      expect(ctl.results(1)).toEqual([{ kind: 'value', value: 1, ok: true }]);
      expect(map.inspect().locks[0]).toEqual({ w: { state: 0, sema: 0 }, writerSem: 0, readerSem: 0, readerCount: 0, readerWait: 0 });
    } finally {
      await ctl.close();
    }
  });

  it('ends a granted wait that no token will end in LockWaitTimeout, within its bound', async () => {
    const map = SharedRWMutexMap.create(SMALL);
    const ctl = await start('rwmutex-map', map, [[W], [R]], 200);
    try {
      ctl.step(0);
      ctl.step(0);
      expect(ctl.step(1)).toEqual({ kind: 'at', label: RWMUTEX_STEP.rLockWait });
      // The spec would not grant this (readerSem is 0); the worker gives up instead of hanging.
      const t0 = Date.now();
      expect(ctl.step(1)).toMatchObject({ kind: 'threw', error: { name: 'LockWaitTimeout', message: expect.stringContaining('rw.readerSem') } });
      expect(Date.now() - t0).toBeLessThan(2_000);
    } finally {
      await ctl.close();
    }
  });
});

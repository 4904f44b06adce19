/**
 * The controlled-mode harness on sync.Map: a worker takes exactly the spec's steps one grant at a
 * time and reports a Range callback's calls; and mu cannot deadlock the controller, because the
 * hook comes before the Lock: a worker stands at "m.mu.Lock()" without waiting, and only a grant
 * makes it try. A Lock granted while another worker holds mu (which the spec never grants) gives
 * up after the map's lock timeout and reports it, while the holder can still go on.
 */
import { describe, expect, it } from 'vitest';
import { Controller } from '../../../impl/sched/controller.js';
import { SharedSyncMap, SYNCMAP_LABELS } from '../../../impl/syncmap/index.js';
import { STORE } from '../../../impl/syncmap/labels.js';
import { SMALL } from '../../../spec/config.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import type { Op } from '../../../spec/types.js';
import { runProgram } from '../../spec/run.js';

function start(map: SharedSyncMap, programs: Op[][], stepTimeoutMs?: number) {
  return Controller.start({
    goroutines: programs.map((program) => ({ target: 'syncmap', config: SMALL, map: map.buffer, program })),
    labels: SYNCMAP_LABELS,
    ...(stepTimeoutMs === undefined ? {} : { stepTimeoutMs }),
  });
}

/** Store, a Load that promotes dirty, then a Range whose callback deletes each key. */
const PROGRAM: Op[] = [
  { kind: 'assign', key: 0, value: 1 }, { kind: 'assign', key: 1, value: 2 }, { kind: 'access', key: 1 },
  { kind: 'access', key: 0 }, { kind: 'range', body: 'delete' },
];

describe('Controller on sync.Map', () => {
  it('runs a worker one step per grant, through the spec steps, with its results and nested calls', async () => {
    const want = runProgram(syncmapTarget(SMALL), SMALL, PROGRAM).runs;
    const map = SharedSyncMap.create(SMALL);
    const ctl = await start(map, [PROGRAM]);
    try {
      const labels: string[] = [];
      for (let s = ctl.state(0); s.kind === 'at'; s = ctl.step(0)) labels.push(s.label);
      expect(ctl.state(0)).toEqual({ kind: 'done' });
      expect(labels).toEqual(want.flatMap((r) => r.steps.map((x) => x.label)));
      expect(labels.some((l) => l.startsWith('missLocked'))).toBe(true);
      expect(ctl.results(0)).toEqual(want.map((r) => r.result));
      // The Range callback's two Deletes, each an operation of its own; the other operations made none.
      const del = (key: number) => ({ call: { kind: 'delete', key }, result: { kind: 'none' } });
      expect(ctl.nested(0)).toEqual([[], [], [], [], [del(0), del(1)]]);
      expect(map.contents()).toEqual(new Map());
    } finally {
      await ctl.close();
    }
  });

  it('does not deadlock when a Lock is granted while another worker holds mu', async () => {
    const lockTimeoutMs = 300;
    const map = SharedSyncMap.create(SMALL, { lockTimeoutMs });
    const ctl = await start(map, [[{ kind: 'assign', key: 0, value: 1 }], [{ kind: 'assign', key: 1, value: 2 }]], 5_000);
    try {
      // G0 takes mu: it now stands at the re-read after its Lock.
      expect(ctl.step(0)).toEqual({ kind: 'at', label: STORE.lock });
      expect(ctl.step(0)).toEqual({ kind: 'at', label: STORE.reload });
      // G1 reaches its Lock without waiting: the hook comes first.
      expect(ctl.step(1)).toEqual({ kind: 'at', label: STORE.lock });
      const t0 = Date.now();
      const after = ctl.step(1);
      const waited = Date.now() - t0;
      expect(after).toMatchObject({ kind: 'threw', error: { name: 'LockTimeoutError', message: expect.stringMatching(/^sync\.Map mu still locked after \d+ ms at "Store: m\.mu\.Lock\(\) \(lock\)"/) } });
      // Given up at the lock timeout, well before the controller's 5 s.
      expect(waited).toBeGreaterThanOrEqual(lockTimeoutMs - 5);
      expect(waited).toBeLessThan(3_000);
      // G0 still holds mu (G1 never had it, so it released nothing) and finishes its Store.
      expect(map.inspect().locked).toBe(true);
      let s = ctl.state(0);
      while (s.kind === 'at') s = ctl.step(0);
      expect(s).toEqual({ kind: 'done' });
      expect(map.inspect().locked).toBe(false);
      expect(map.contents()).toEqual(new Map([[0, 1]]));
    } finally {
      await ctl.close();
    }
  });
});

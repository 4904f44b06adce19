/**
 * Smoke test with real threads: two free-running workers share mu (a plain counter bumped under
 * it loses no update) and one SharedSyncMap (each checks every result on its own keys while the
 * other churns mu, dirty and read, and the final contents are exactly both workers' keys).
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SharedSyncMap } from '../../../impl/syncmap/index.js';
import { SMALL } from '../../../spec/config.js';
import { CONTROL_WORDS, COUNTER, expectedValue, KEY_SPAN, type WorkerInput } from './workload.js';

const WORKER_FILE = new URL('./worker.ts', import.meta.url);
/** Workers start with a fresh module loader: this preload registers tsx there. */
const TSX_PRELOAD = new URL('../../../impl/tsx-register.mjs', import.meta.url).href;
const KEYS = 1500;
const INCREMENTS = 20_000;

describe('two free-running workers', () => {
  it('share mu and the map without losing anything', async () => {
    const m = SharedSyncMap.create(SMALL, { arenaWords: 1 << 20 });
    const control = new SharedArrayBuffer(4 * CONTROL_WORDS);
    const workers = [0, 1].map((w) => {
      const workerData: WorkerInput = { w, map: m.buffer, control, keys: KEYS, increments: INCREMENTS };
      return new Worker(WORKER_FILE, { workerData, execArgv: ['--import', TSX_PRELOAD] });
    });
    try {
      const reports = await Promise.all(workers.map(async (worker) => {
        const [msg] = (await Promise.race([
          once(worker, 'message'),
          once(worker, 'error').then(([e]) => Promise.reject(e as Error)),
          once(worker, 'exit').then(([code]) => Promise.reject(new Error(`worker exited with ${code} before reporting`))),
        ])) as [{ w: number; wrong: string[] }];
        return msg;
      }));
      for (const r of reports) expect(r.wrong, `worker ${r.w}`).toEqual([]);
      expect(new Int32Array(control)[COUNTER]).toBe(2 * INCREMENTS);
      const want = new Map<number, number>();
      for (const w of [0, 1]) {
        for (let i = 0; i < KEYS; i++) {
          const v = expectedValue(i);
          if (v !== undefined) want.set(w * KEY_SPAN + i, v);
        }
      }
      expect(m.inspect().locked).toBe(false);
      expect(m.contents()).toEqual(want);
      const ranged = new Map<number, number>();
      m.range((k, v) => void ranged.set(k, v));
      expect(ranged).toEqual(want);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  });
});

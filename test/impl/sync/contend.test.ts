/**
 * Two real workers on one lock: every write is a plain read-modify-write of two words, so a
 * second holder would lose increments or be seen half done. With the lock neither happens, and
 * the lock ends idle: no waiter counted, no semaphore token left.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { MUTEX_WORDS, RWMUTEX_WORDS, SharedMutex, SharedRWMutex } from '../../../impl/sync/index.js';
import type { ContendInput } from './contend-worker.js';

const WORKER = new URL('./contend-worker.ts', import.meta.url);
const TSX_PRELOAD = new URL('../../../impl/tsx-register.mjs', import.meta.url).href;
const ITERATIONS = 40_000;

async function contend(kind: ContendInput['kind'], words: number, readEvery = 1): Promise<{ i32: Int32Array; writes: number; torn: number }> {
  const buffer = new SharedArrayBuffer(4 * (words + 3));
  const results = await Promise.all([1, 2].map(async (seed) => {
    const input: ContendInput = { kind, buffer, dataAt: words, iterations: ITERATIONS, readEvery, seed };
    const w = new Worker(WORKER, { workerData: input, execArgv: ['--import', TSX_PRELOAD] });
    try {
      const [msg] = (await once(w, 'message')) as [{ writes: number; torn: number }];
      return msg;
    } finally {
      await w.terminate();
    }
  }));
  return { i32: new Int32Array(buffer), writes: results[0]!.writes + results[1]!.writes, torn: results[0]!.torn + results[1]!.torn };
}

describe('locks shared by two workers', () => {
  it('sync.Mutex: no increment lost, and idle at the end', async () => {
    const { i32, writes } = await contend('mutex', MUTEX_WORDS);
    expect(writes).toBe(2 * ITERATIONS);
    expect([i32[MUTEX_WORDS], i32[MUTEX_WORDS + 1]]).toEqual([writes, writes]);
    expect(new SharedMutex(i32, 0).inspect()).toEqual({ state: 0, sema: 0 });
  });

  it('sync.RWMutex: writers exclude everyone, readers never see a write half done, idle at the end', async () => {
    const { i32, writes, torn } = await contend('rwmutex', RWMUTEX_WORDS, 4);
    expect(writes).toBeGreaterThan(0);
    expect(torn).toBe(0);
    expect([i32[RWMUTEX_WORDS], i32[RWMUTEX_WORDS + 1]]).toEqual([writes, writes]);
    expect(new SharedRWMutex(i32, 0).inspect()).toEqual({ w: { state: 0, sema: 0 }, writerSem: 0, readerSem: 0, readerCount: 0, readerWait: 0 });
  });
});

/**
 * The parallel search's visited set, grown while real worker threads claim: every key gets one
 * slot however the claims and the growths interleave, and a key's budget only grows.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SharedFingerprintTable, TableFullError } from '../../../checker/explore/shared-table.js';
import type { ClaimInput, ClaimOutput } from './shared-table-worker.js';

const WORKER = new URL('./shared-table-worker.ts', import.meta.url);
const TSX_PRELOAD = new URL('../../../impl/tsx-register.mjs', import.meta.url).href;

async function participant(input: ClaimInput): Promise<ClaimOutput> {
  const w = new Worker(WORKER, { workerData: input, execArgv: ['--import', TSX_PRELOAD] });
  try {
    const [out] = (await once(w, 'message')) as [ClaimOutput];
    return out;
  } finally {
    await w.terminate();
  }
}

describe('SharedFingerprintTable', () => {
  it('grows from 16 slots to hold 60,000 keys claimed by three threads over overlapping ranges, each key once', async () => {
    const table = SharedFingerprintTable.create(4, 20, 3);
    // Every key in [20,000, 40,000) is claimed by all three, the rest by one or two.
    const ranges: Array<[number, number]> = [[0, 40_000], [20_000, 60_000], [10_000, 50_000]];
    const outs = await Promise.all(ranges.map(([from, to]) => participant({ buffers: table.buffers, from, to })));

    expect(table.size).toBe(60_000);
    expect(table.bytes).toBe(16 << 17);
    const firsts = outs.flatMap((o) => o.firsts).sort((a, b) => a - b);
    expect(firsts).toEqual(Array.from({ length: 60_000 }, (_, i) => i));
    // Budget 9 beats every first budget (at most 4) exactly once per key, whoever raised it.
    const raised = outs.flatMap((o) => o.raised).sort((a, b) => a - b);
    expect(raised).toEqual(firsts);
    // And nothing is lost when this thread, the last one left, reads the grown table.
    for (let i = 0; i < 60_000; i += 997) expect(table.claim(`key${i}`, 9)).toEqual({ isNew: false, explore: false });
    expect(table.claim('key60000', 0).isNew).toBe(true);
  });

  it('grows while another participant only lets it grow, claiming in another table meanwhile', async () => {
    // As in the search: the end states' table fills in one participant's claims while the other
    // claims only visited states, and lets the end states' table grow between them.
    const ends = SharedFingerprintTable.create(4, 20, 2);
    const visited = SharedFingerprintTable.create(4, 20, 1);
    const done = new SharedArrayBuffer(4);
    const [filler] = await Promise.all([
      participant({ buffers: ends.buffers, from: 0, to: 5_000, done }),
      participant({ buffers: ends.buffers, from: 0, to: 0, elsewhere: { buffers: visited.buffers, flag: done } }),
    ]);
    expect(filler!.firsts).toHaveLength(5_000);
    expect(ends.size).toBe(5_000);
    expect(visited.size).toBe(1_000);
  });

  it('says it is full, in one line, past its largest size', () => {
    // 4 slots, grown once to 8, the most allowed: the seventh key fills three quarters of them.
    const fill = (): void => {
      const table = SharedFingerprintTable.create(2, 3, 1);
      for (let i = 0; i < 6; i++) table.claim(`k${i}`, 0);
      expect(table.bytes).toBe(16 << 3);
      table.claim('k6', 0);
    };
    expect(fill).toThrow(TableFullError);
    expect(fill).toThrow(/^the parallel search's visited set \(room for 8 states\) is three quarters full and at its largest; --workers 1 uses a table that grows without limit$/);
  });
});

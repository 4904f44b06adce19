import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Mailbox } from '../../../checker/explore/mailbox.js';
import type { TreeInput, TreeOutput } from './mailbox-worker.js';

const WORKER = new URL('./mailbox-worker.ts', import.meta.url);
const TSX_PRELOAD = new URL('../../../impl/tsx-register.mjs', import.meta.url).href;

// One thread plays every participant here, but in the last test; test/checker/explore/parallel.test.ts
// hands states over between real worker threads too.
describe('Mailbox', () => {
  it('gives a hungry participant what a busy one posted, as a copy', () => {
    const box = new Mailbox(Mailbox.create(2));
    const states = [{ ops: 3, s: { m: new Map([[1, [2, 3]]]) } }, { ops: 4, s: null }];
    expect(box.wanted()).toBe(false);
    expect(box.post(states)).toBe(true);
    // Full: the next posting waits for the box to be emptied.
    expect(box.post([{ ops: 9 }])).toBe(false);
    const got = box.take();
    expect(got).toEqual(states);
    expect(got![0]).not.toBe(states[0]);
    expect(box.wanted()).toBe(false);
  });

  it('ends the search when every participant still in it is hungry and the box is empty', () => {
    const box = new Mailbox(Mailbox.create(3));
    box.leave();
    box.leave();
    let woke = 0;
    expect(box.take(() => woke++)).toBeUndefined();
    expect(woke).toBeGreaterThan(0);
    // Over is over: a latecomer does not wait either.
    expect(box.take()).toBeUndefined();
  });

  it('keeps what does not fit, for the poster to keep exploring', () => {
    const box = new Mailbox(Mailbox.create(2, 64));
    expect(box.post([{ text: 'x'.repeat(100) }])).toBe(false);
    expect(box.post([{ ops: 1 }])).toBe(true);
  });

  // The end of the search was once read from two words, and a participant could end it while
  // another was taking a posting; that one later posted tokens nobody took (once in 200 rounds of
  // this, with two busy loops beside it). Every token must be worked through exactly once.
  it('loses no token handed over between three threads that post whenever one is hungry', async () => {
    const levels = 10;
    let posted = 0;
    for (let round = 0; round < 8; round++) {
      const mail = Mailbox.create(3);
      const ready = new SharedArrayBuffer(4);
      const workers = [0, 1, 2].map((i) => {
        const input: TreeInput = { mail, roots: i === 0 ? 1 : 0, levels, fanout: 2, pad: 2000, micros: 40, ready, participants: 3 };
        return new Worker(WORKER, { workerData: input, execArgv: ['--import', TSX_PRELOAD] });
      });
      try {
        const outs = await Promise.all(workers.map(async (w) => ((await once(w, 'message')) as [TreeOutput])[0]));
        expect(outs.reduce((sum, o) => sum + o.done, 0)).toBe(2 ** levels - 1);
        posted += outs.reduce((sum, o) => sum + o.posted, 0);
      } finally {
        await Promise.all(workers.map((w) => w.terminate()));
      }
    }
    // Counted over all rounds: in one round on a loaded machine the others may come hungry only
    // after the first thread is done (some 40 ms of work), and nothing is handed over.
    expect(posted).toBeGreaterThan(0);
  }, 60_000);
});

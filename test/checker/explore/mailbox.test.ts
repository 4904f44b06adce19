import { describe, expect, it } from 'vitest';
import { Mailbox } from '../../../checker/explore/mailbox.js';

// One thread plays every participant here; test/checker/explore/parallel.test.ts hands states
// over between real worker threads.
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
});

import { describe, expect, it } from 'vitest';
import { createProgress, progressEnabled } from '../../../checker/cli/progress.js';

/** A stream and a clock the test moves by hand: no real timers. */
function setup(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  const clock = { t: 1_000 };
  const stream = { isTTY, columns, write: (s: string) => writes.push(s) };
  const progress = createProgress({ enabled: true, stream, now: () => clock.t });
  return { writes, clock, progress };
}

describe('progressEnabled', () => {
  it('is on unless JSON goes to a non-terminal', () => {
    expect(progressEnabled(false, false)).toBe(true);
    expect(progressEnabled(false, true)).toBe(true);
    expect(progressEnabled(true, true)).toBe(true);
    expect(progressEnabled(true, false)).toBe(false);
  });
});

describe('createProgress on a terminal', () => {
  it('stays silent for the first 2 s', () => {
    const { writes, clock, progress } = setup(true);
    for (let ms = 0; ms < 2_000; ms += 50) {
      clock.t = 1_000 + ms;
      progress.update(ms * 10, 'hmap');
    }
    progress.done();
    expect(writes).toEqual([]);
  });

  it('redraws one line in place with label, states, rate and elapsed time', () => {
    const { writes, clock, progress } = setup(true);
    clock.t = 3_000; // 2 s in, 20,000 states: 10,000 states/s
    progress.update(20_000, 'hmap');
    expect(writes).toEqual(['\rhmap: 20,000 states, 10,000 states/s, 2s\x1b[K']);
  });

  it('redraws at most 10 times a second', () => {
    const { writes, clock, progress } = setup(true);
    for (let ms = 2_000; ms < 3_000; ms += 10) {
      clock.t = 1_000 + ms;
      progress.update(ms, 'hmap');
    }
    expect(writes.length).toBe(10);
  });

  it('reports the recent rate, not the average since the start', () => {
    const { writes, clock, progress } = setup(true);
    // 10 s at 1,000 states/s, then 10 s at 5,000 states/s.
    let states = 0;
    for (let ms = 100; ms <= 20_000; ms += 100) {
      states += ms <= 10_000 ? 100 : 500;
      clock.t = 1_000 + ms;
      progress.update(states, 'hmap');
    }
    expect(writes.at(-1)).toContain(' 5,000 states/s');
    expect(writes.at(-1)).toContain('60,000 states');
    expect(writes.at(-1)).toContain(', 20s');
  });

  it('formats long runs as minutes and hours', () => {
    const { writes, clock, progress } = setup(true);
    clock.t = 1_000 + 65_000;
    progress.update(1, 'x');
    clock.t = 1_000 + 2 * 3_600_000 + 3 * 60_000 + 4_000;
    progress.update(2, 'x');
    expect(writes[0]).toContain(', 1m05s');
    expect(writes[1]).toContain(', 2h03m04s');
  });

  it('keeps the line narrower than the terminal', () => {
    const { writes, clock, progress } = setup(true, 20);
    clock.t = 5_000;
    progress.update(123_456_789, 'a-long-target-name');
    expect(writes[0]).toBe('\ra-long-target-name:\x1b[K');
  });

  it('clears its line on done(), once, and draws nothing after', () => {
    const { writes, clock, progress } = setup(true);
    clock.t = 4_000;
    progress.update(1, 'hmap');
    progress.done();
    progress.done();
    clock.t = 9_000;
    progress.update(2, 'hmap');
    expect(writes.slice(1)).toEqual(['\r\x1b[K']);
  });
});

describe('createProgress without a terminal', () => {
  it('prints plain lines, at most one every 5 s', () => {
    const { writes, clock, progress } = setup(false);
    for (let ms = 0; ms <= 13_000; ms += 100) {
      clock.t = 1_000 + ms;
      progress.update(ms, 'hmap');
    }
    progress.done();
    expect(writes.map((w) => w.replace(/states, .*states\/s/, 'states, R'))).toEqual([
      'hmap: 2,000 states, R, 2s\n',
      'hmap: 7,000 states, R, 7s\n',
      'hmap: 12,000 states, R, 12s\n',
    ]);
    expect(writes.join('')).not.toMatch(/[\r\x1b]/);
  });
});

describe('createProgress when disabled', () => {
  it('never writes', () => {
    const writes: string[] = [];
    const clock = { t: 0 };
    const progress = createProgress({
      enabled: false,
      stream: { isTTY: true, write: (s: string) => writes.push(s) },
      now: () => clock.t,
    });
    clock.t = 60_000;
    progress.update(5, 'hmap');
    progress.done();
    expect(writes).toEqual([]);
  });
});

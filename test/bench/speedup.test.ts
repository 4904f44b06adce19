import { describe, expect, it } from 'vitest';
import { ceilingOf, contended, extraWorkOf, measureSpeedup, runCase, speedupOf } from '../../bench/speedup.js';

describe('the speedup measurement', () => {
  it('relates a round\'s times as speedup and ceiling', () => {
    const round = { alone: 10, parallel: 6.5, pairSlower: 12.5, aloneCpu: 10.5, parallelCpu: 12.6 };
    expect(speedupOf(round)).toBeCloseTo(10 / 6.5);
    // Two searches of 10 s each done in 12.5 s: 1.6 times one search's throughput.
    expect(ceilingOf(round)).toBeCloseTo(1.6);
    // The split added a fifth to the work.
    expect(extraWorkOf(round)).toBeCloseTo(1.2);
    // A round as the host allows it: the speedup below the ceiling, so nothing to flag.
    expect(contended(round)).toBe(false);
  });

  it('flags a round whose ceiling came out below its speedup', () => {
    // The bench's third round on 7 December: one thread 42.14 s, two workers 21.23 s (1.99x), the pair 48.41 s (1.74x).
    const round = { alone: 42.14, parallel: 21.23, pairSlower: 48.41, aloneCpu: 44.7, parallelCpu: 41.63 };
    expect(contended(round)).toBe(true);
    // Two at once in 42 s: a ceiling of 2.01x, above the speedup.
    expect(contended({ ...round, pairSlower: 42 })).toBe(false);
  });

  it('runs the same work three ways in real processes and says so round by round', async () => {
    const lines: string[] = [];
    const rounds = await measureSpeedup({ name: 'tiny', target: 'mutex-map', depth: 2, goroutines: 2, keys: 1, config: 'small', countNaive: false }, 2, 1, (l) => lines.push(l));
    expect(rounds).toHaveLength(1);
    for (const t of Object.values(rounds[0]!)) expect(t).toBeGreaterThan(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ {2}round 1: one thread [0-9.]+ s, 2 workers [0-9.]+ s \([0-9.]+×\), two one-thread searches at once [0-9.]+ s and [0-9.]+ s \(ceiling [0-9.]+×\); CPU [0-9.]+ s on 2 workers against [0-9.]+ s on one \([0-9.]+×\)(; the ceiling is below the speedup: the host's load changed within this round)?$/);
  }, 120_000);

  it('measures after a warm-up search the same search, on one thread and on two workers', async () => {
    const c = { name: 'tiny', target: 'syncmap', depth: 3, goroutines: 2, keys: 2, config: 'small', countNaive: false };
    for (const workers of [1, 2]) {
      const [cold, warm] = await Promise.all([runCase({ ...c, workers }), runCase({ ...c, workers, warmUpDepth: 2 })]);
      const measured = { seconds: 0, statesPerSecond: 0, peakRssMiB: 0, visitedBytes: 0, cpuSeconds: 0 };
      expect({ ...warm, ...measured }).toEqual({ ...cold, ...measured });
      expect(warm.cpuSeconds).toBeGreaterThan(0);
    }
  }, 120_000);
});

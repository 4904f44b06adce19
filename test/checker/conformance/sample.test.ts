/**
 * Sampled schedules: random walks through the spec, the same for the same seed, each a trace the
 * spec replays; a run that parts from the spec gets its line and files. That they conform on real
 * workers is in sample-plain.test.ts and sample-guarded.test.ts (split to keep each file short).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMING_TARGETS } from '../../../checker/conformance/corpus.js';
import { sampleSchedules, type SampleSpec } from '../../../checker/conformance/sample.js';
import { conformSamples } from '../../../checker/conformance/sample-run.js';
import { replayTrace } from '../../../checker/replay/replay.js';
import { CONFIGS, DEFAULT_CONFIG } from '../../../spec/config.js';

const SPEC: SampleSpec = { n: 5, seed: 1, depth: 4, goroutines: 2, keys: 2, config: CONFIGS[DEFAULT_CONFIG]! };

describe('sampleSchedules', () => {
  it.each(CONFORMING_TARGETS)('%s: the same schedules for the same seed, others for another', (target) => {
    const once = sampleSchedules(target, SPEC);
    expect(sampleSchedules(target, SPEC)).toEqual(once);
    // Fewer schedules are the first ones of more: each is drawn in turn from one stream.
    expect(sampleSchedules(target, { ...SPEC, n: 2 })).toEqual(once.slice(0, 2));
    expect(sampleSchedules(target, { ...SPEC, seed: 2 })).not.toEqual(once);
    expect(new Set(once.map((t) => JSON.stringify(t.schedule))).size).toBeGreaterThan(1);
  });

  it.each(CONFORMING_TARGETS)('%s: each schedule is a whole execution the spec replays, of at most --depth operations', (target) => {
    for (const trace of sampleSchedules(target, { ...SPEC, depth: 3 })) {
      expect(trace.target).toBe(target);
      expect(replayTrace(trace)).toMatchObject({ kind: 'same', outcome: trace.outcome });
      // The walk ends only when nothing can step: all 3 operations ran, or the execution crashed.
      if (trace.outcome === 'ok') expect(trace.scenario.flat()).toHaveLength(3);
      expect(trace.scenario.flat().length).toBeLessThanOrEqual(3);
    }
  });

  it("passes the sharded map's shard count to its trace", () => {
    const [trace] = sampleSchedules('sharded-map', { ...SPEC, n: 1, shards: 3 });
    expect(trace!.shards).toBe(3);
    expect(replayTrace(trace!).kind).toBe('same');
  });
});

describe('conformSamples on real workers', () => {
  it('gives each diverging schedule its line and divergence files, and exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'divergences-'));
    // Every goroutine mislabels its second point on: every guarded operation has more than two.
    const fault = { afterSteps: 1, kind: 'mislabel' } as const;
    const r = await conformSamples(['mutex-map'], { ...SPEC, n: 2, seed: 9 }, { faults: [fault, fault], divergences: dir });
    expect(r.code).toBe(1);
    expect(r.diverged).toEqual([{ target: 'mutex-map', count: 2 }]);
    expect(r.lines).toHaveLength(5);
    for (const i of [0, 2]) {
      expect(r.lines[i]).toMatch(new RegExp(`^conformance mutex-map sample ${i / 2 + 1} of 2 \\(seed 9\\): diverged at step \\d+: G\\d expected `));
      const written = /^ {2}divergence written: (\S+) and (\S+)$/.exec(r.lines[i + 1]!);
      expect(written?.[1]).toMatch(new RegExp(`^${dir}/mutex-map/`));
      expect(existsSync(written![1]!) && existsSync(written![2]!)).toBe(true);
    }
    expect(r.lines[4]).toBe('mutex-map: 2 sampled schedules of depth ≤ 4 (seed 9): 2 diverged');
  });
});

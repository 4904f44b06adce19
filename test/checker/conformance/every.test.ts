/**
 * --conformance --depth: every schedule of every scenario up to the bounds, one per end state of
 * the checker's search (so as many as it reports executions), each run on real workers that are
 * reused from one schedule to the next; a planted fault is still reported, schedule by schedule.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMING_TARGETS } from '../../../checker/conformance/corpus.js';
import { conformEvery, type EverySpec } from '../../../checker/conformance/every-run.js';
import { endStateSchedules } from '../../../checker/conformance/schedules.js';
import { conformanceTarget } from '../../../checker/conformance/targets.js';
import { explore } from '../../../checker/explore/search.js';
import { replayTrace } from '../../../checker/replay/replay.js';
import { CONFIGS, DEFAULT_CONFIG } from '../../../spec/config.js';

const cfg = CONFIGS[DEFAULT_CONFIG]!;
const SPEC: EverySpec = { depth: 2, goroutines: 2, keys: 1, config: cfg };

const executions = (target: string, spec: EverySpec, preemptions?: number): number =>
  explore(conformanceTarget(target)!.spec(spec.config), { ...spec, cfg: spec.config, ...(preemptions === undefined ? {} : { preemptions }) }).executions;

describe('endStateSchedules', () => {
  it.each(CONFORMING_TARGETS)('%s: one distinct schedule per execution the explorer counts, each replaying as recorded', (target) => {
    const spec = { ...SPEC, keys: 2 };
    const traces = [...endStateSchedules(conformanceTarget(target)!.spec(cfg), cfg, spec)];
    expect(traces).toHaveLength(executions(target, spec));
    expect(new Set(traces.map((t) => JSON.stringify([t.scenario, t.schedule]))).size).toBe(traces.length);
    for (const t of traces) expect(replayTrace(t)).toMatchObject({ kind: 'same', outcome: t.outcome });
  });

  it("follows the context-bounded search under a preemption bound (hmap's automatic one)", () => {
    const spec = { ...SPEC, depth: 3 };
    const bounded = [...endStateSchedules(conformanceTarget('hmap')!.spec(cfg), cfg, { ...spec, preemptions: 1 })];
    expect(bounded).toHaveLength(executions('hmap', spec, 1));
    expect(bounded.length).toBeLessThan(executions('hmap', spec));
  });
});

describe('conformEvery on real workers', () => {
  it.each(CONFORMING_TARGETS)('%s: every schedule of depth ≤ 2 conforms, on the same two threads', async (target) => {
    const r = await conformEvery([{ name: target }], SPEC);
    const n = executions(target, SPEC);
    expect(r.code).toBe(0);
    expect(r.targets).toEqual([{ target, schedules: n, diverged: 0, threads: 2 }]);
    expect(r.lines).toEqual([`${target}: ${n} schedules (every end state of depth ≤ 2): all conform`]);
  });

  it('reports each diverging schedule with its divergence files, exit code 1, and says when the bound is automatic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'divergences-'));
    // Every goroutine mislabels its second point on: every guarded operation has more than two.
    const fault = { afterSteps: 1, kind: 'mislabel' } as const;
    const r = await conformEvery([{ name: 'mutex-map' }], SPEC, { faults: [fault, fault], divergences: dir });
    const n = executions('mutex-map', SPEC);
    expect(r.code).toBe(1);
    expect(r.targets).toEqual([{ target: 'mutex-map', schedules: n, diverged: n, threads: 2 }]);
    expect(r.lines).toHaveLength(2 * n + 1);
    expect(r.lines[0]).toMatch(/^conformance mutex-map schedule 1 \(every end state of depth ≤ 2\): diverged at step \d+: G\d expected /);
    const written = /^ {2}divergence written: (\S+) and (\S+)$/.exec(r.lines[1]!);
    expect(existsSync(written![1]!) && existsSync(written![2]!)).toBe(true);
    expect(r.lines.at(-1)).toBe(`mutex-map: ${n} schedules (every end state of depth ≤ 2): ${n} diverged`);
    const bounded = await conformEvery([{ name: 'hmap', preemptions: 1, automatic: true }], { ...SPEC, depth: 1 });
    expect(bounded.lines.at(-1)).toMatch(/^hmap: \d+ schedules \(every end state of depth ≤ 1, BOUNDED to 1 preemption, the automatic bound past exhaustive reach\): all conform$/);
  });

  it('replaces the threads of a schedule whose worker stopped answering, and runs on', async () => {
    // At depth 1 only G0 runs; it hangs at its second point (every guarded operation has more):
    // each schedule ends unresponsive, and each after the first needs fresh threads. The sharded
    // map: its two keys live in two shards, so it has more than one end state at depth 1 (under
    // key symmetry the one-lock maps' Store of k0 and of k1 are one).
    const r = await conformEvery([{ name: 'sharded-map' }], { ...SPEC, depth: 1, keys: 2 }, { stepTimeoutMs: 300, faults: [{ afterSteps: 1, kind: 'hang' }] });
    const n = executions('sharded-map', { ...SPEC, depth: 1, keys: 2 });
    expect(n).toBeGreaterThan(1);
    expect(r.code).toBe(1);
    expect(r.targets[0]).toMatchObject({ schedules: n, diverged: n });
    expect(r.targets[0]!.threads).toBe(2 * n);
    expect(r.lines.filter((l) => /: G0 did not report within 300 ms after being granted/.test(l))).toHaveLength(n);
  });
});

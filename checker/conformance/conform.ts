import { SharedGoMap } from '../../impl/hmap/map.js';
import { HMAP_LABELS } from '../../impl/hmap/labels.js';
import { Controller, Unresponsive } from '../../impl/sched/controller.js';
import type { Fault } from '../../impl/sched/types.js';
import { resultsMatch } from '../../spec/model.js';
import type { TraceFile } from '../trace/types.js';
import { finalDifference } from './final.js';
import { imageToHmap } from './image.js';
import { type SpecRun, specRun } from './spec-run.js';
import type { Verdict } from './verdict.js';

export interface ConformOptions {
  /** How long a granted worker may take to report (default 5 s). */
  stepTimeoutMs?: number;
  /** Buckets in the map's arena (default DEFAULT_ARENA_BUCKETS). */
  arenaBuckets?: number;
  /** Test only: a fault to plant in goroutine g's worker (see Fault). */
  faults?: Array<Fault | undefined>;
}

/**
 * Runs a trace's scenario on real workers, one per goroutine, sharing one SharedGoMap, granting
 * steps in the schedule's order. Before each step the goroutine must stand at the label the
 * schedule expects; after the last, the results, the crash, and the final map (B, count, flags,
 * contents, then all memory) must be the spec's along the same schedule. In Go a fatal error
 * ends the whole program; here the thrown Go error ends the run the same way.
 */
export async function conformTrace(trace: TraceFile, opts: ConformOptions = {}): Promise<Verdict> {
  const spec = specRun(trace);
  if (!spec.ok) return { kind: 'invalid', reason: spec.reason };
  const map = SharedGoMap.create(trace.config, opts.arenaBuckets === undefined ? {} : { arenaBuckets: opts.arenaBuckets });
  let ctl: Controller | undefined;
  let step = 0;
  try {
    ctl = await Controller.start({
      goroutines: trace.scenario.map((program, g) => ({
        target: 'hmap', config: trace.config, map: map.buffer, program, ...(opts.faults?.[g] ? { fault: opts.faults[g] } : {}),
      })),
      labels: HMAP_LABELS,
      ...(opts.stepTimeoutMs === undefined ? {} : { stepTimeoutMs: opts.stepTimeoutMs }),
    });
    const driven = drive(ctl, trace, spec.run, (i) => { step = i; });
    if (driven) return driven;
    return judge(ctl, trace, spec.run, map);
  } catch (e) {
    if (e instanceof Unresponsive) {
      return { kind: 'unresponsive', g: e.g, step, prefix: trace.schedule.slice(0, ctl ? step + 1 : 0), message: e.message };
    }
    return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  } finally {
    await ctl?.close();
  }
}

/** Grants the schedule's steps in order; a verdict when the implementation parts from the spec. */
function drive(ctl: Controller, trace: TraceFile, spec: SpecRun, at: (step: number) => void): Verdict | undefined {
  const last = trace.schedule.length - 1;
  for (const [i, { g, label }] of trace.schedule.entries()) {
    at(i);
    const s = ctl.state(g);
    if (s.kind === 'failed') return { kind: 'failed', message: `G${g}'s worker failed: ${s.message}` };
    if (s.kind !== 'at') return { kind: 'diverged', step: i, g, expected: label, actual: s.kind === 'done' ? '(finished its program)' : '(crashed)' };
    if (s.label !== label) return { kind: 'diverged', step: i, g, expected: label, actual: s.label };
    const after = ctl.step(g);
    if (after.kind === 'failed') return { kind: 'failed', message: `G${g}'s worker failed: ${after.message}` };
    // A crash must come exactly where the spec's does: at its last step, the same one.
    if (after.kind === 'threw' && (i !== last || !sameCrash(spec, after.error))) {
      return { kind: 'crash', step: i, expected: i === last ? spec.crash : undefined, actual: after.error };
    }
  }
  return undefined;
}

function sameCrash(spec: SpecRun, e: { goKind?: string; message: string }): boolean {
  return spec.crash !== undefined && spec.crash.kind === e.goKind && spec.crash.message === e.message;
}

/** After the schedule: the crash the spec ended in, each result, then the final map. */
function judge(ctl: Controller, trace: TraceFile, spec: SpecRun, map: SharedGoMap): Verdict {
  const last = trace.schedule.length - 1;
  const lastState = last >= 0 ? ctl.state(trace.schedule[last]!.g) : undefined;
  if (spec.crash && lastState?.kind !== 'threw') return { kind: 'crash', step: last, expected: spec.crash, actual: undefined };
  for (let g = 0; g < trace.scenario.length; g++) {
    const want = spec.results[g]!;
    const got = ctl.results(g);
    for (let op = 0; op < Math.max(want.length, got.length); op++) {
      const w = want[op];
      const a = got[op];
      if (w === undefined || a === undefined || !resultsMatch(w, a)) return { kind: 'result', g, op, expected: w, actual: a };
    }
  }
  const diff = finalDifference(spec.final, imageToHmap(map.inspect()));
  if (diff) return { kind: 'final', ...diff };
  return { kind: 'conforms', outcome: spec.outcome, steps: trace.schedule.length };
}

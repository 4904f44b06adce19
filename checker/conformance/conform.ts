import { isDeepStrictEqual } from 'node:util';
import { type Controller, DEFAULT_STEP_TIMEOUT_MS, Unresponsive } from '../../impl/sched/controller.js';
import type { Fault } from '../../impl/sched/types.js';
import type { TraceFile } from '../trace/types.js';
import { type SpecRun, specRun } from './spec-run.js';
import { CONFORMANCE_TARGET_NAMES, type ConformanceTarget, conformanceTarget, type Subject } from './targets.js';
import type { Verdict } from './verdict.js';
import { FRESH_WORKERS, type WorkerSource } from './workers.js';

export interface ConformOptions {
  /** How long a granted worker may take to report (default 5 s). */
  stepTimeoutMs?: number;
  /** Buckets in the plain map's arena, each shard's for the guarded maps (default DEFAULT_ARENA_BUCKETS). */
  arenaBuckets?: number;
  /** Words in sync.Map's arena (default DEFAULT_ARENA_WORDS). */
  arenaWords?: number;
  /** Test only: a fault to plant in goroutine g's worker (see Fault). */
  faults?: Array<Fault | undefined>;
  /** Where the worker threads come from: fresh ones per trace by default, or ReusedWorkers for many schedules. */
  workers?: WorkerSource;
}

/** Why a trace with a `mutant` is not run: it is the witness of a deliberately broken spec. */
export const MUTANT_REASON = 'a mutant trace (from a deliberately broken spec): the implementation is Go\'s, so it is not held to it';

/**
 * Runs a trace's scenario on real workers, one per goroutine, sharing one map of the trace's
 * target (SharedGoMap, SharedSyncMap or a guarded map), granting steps in the schedule's order.
 * Before each step the goroutine must stand at the label the schedule expects (for sync.Map the
 * map, for a guarded map its lock words, must also agree with the spec's after each step); after the last, the results (with any calls a Range
 * callback made), the crash, and the final map must be the spec's along the same schedule. In Go
 * a fatal error ends the whole program; here the thrown Go error ends the run the same way.
 */
export async function conformTrace(trace: TraceFile, opts: ConformOptions = {}): Promise<Verdict> {
  if (trace.mutant !== undefined) return { kind: 'invalid', reason: `${MUTANT_REASON} (mutant "${trace.mutant}")` };
  const target = conformanceTarget(trace.target);
  if (!target) {
    return { kind: 'invalid', reason: `conformance covers the targets with a real implementation (${CONFORMANCE_TARGET_NAMES.join(', ')}), not "${trace.target}"` };
  }
  const spec = specRun(trace, target.spec(trace.config, trace.shards));
  if (!spec.ok) return { kind: 'invalid', reason: spec.reason };
  const stepTimeoutMs = opts.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const subject = target.create(trace.config, {
    stepTimeoutMs,
    ...(opts.arenaBuckets === undefined ? {} : { arenaBuckets: opts.arenaBuckets }),
    ...(opts.arenaWords === undefined ? {} : { arenaWords: opts.arenaWords }),
    ...(trace.shards === undefined ? {} : { shards: trace.shards }),
  });
  const source = opts.workers ?? FRESH_WORKERS;
  let ctl: Controller | undefined;
  let step = 0;
  let verdict: Verdict | undefined;
  try {
    ctl = await source.acquire({
      goroutines: trace.scenario.map((program, g) => ({
        target: target.name, config: trace.config, map: subject.buffer, program,
        ...(subject.waitMs === undefined ? {} : { waitMs: subject.waitMs }),
        ...(opts.faults?.[g] ? { fault: opts.faults[g] } : {}),
      })),
      labels: target.labels,
      stepTimeoutMs,
    });
    verdict = drive(ctl, trace, spec.run, subject, (i) => { step = i; }) ?? judge(ctl, trace, target, spec.run, subject);
    return verdict;
  } catch (e) {
    if (e instanceof Unresponsive) {
      return { kind: 'unresponsive', g: e.g, step, prefix: trace.schedule.slice(0, ctl ? step + 1 : 0), message: e.message };
    }
    return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  } finally {
    // Only threads that answered to the end may run another schedule; the others are terminated.
    if (ctl) await source.release(ctl, verdict !== undefined && verdict.kind !== 'failed');
  }
}

/** Grants the schedule's steps in order; a verdict when the implementation parts from the spec. */
function drive<S>(
  ctl: Controller, trace: TraceFile, spec: SpecRun<S>, subject: Subject<S>, at: (step: number) => void,
): Verdict | undefined {
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
    // Every worker now stands at a scheduling point or has ended: the map is quiet. The last
    // step's state is judged as the final one.
    if (subject.stepDifference && i !== last) {
      const diff = subject.stepDifference(spec.after[i]!);
      if (diff) return { kind: 'state', step: i, ...diff };
    }
  }
  return undefined;
}

function sameCrash<S>(spec: SpecRun<S>, e: { goKind?: string; message: string }): boolean {
  return spec.crash !== undefined && spec.crash.kind === e.goKind && spec.crash.message === e.message;
}

/** After the schedule: the crash the spec ended in, each result and its nested calls, then the final map. */
function judge<S>(ctl: Controller, trace: TraceFile, target: ConformanceTarget<S>, spec: SpecRun<S>, subject: Subject<S>): Verdict {
  const last = trace.schedule.length - 1;
  const lastState = last >= 0 ? ctl.state(trace.schedule[last]!.g) : undefined;
  if (spec.crash && lastState?.kind !== 'threw') return { kind: 'crash', step: last, expected: spec.crash, actual: undefined };
  for (let g = 0; g < trace.scenario.length; g++) {
    const want = spec.results[g]!;
    const got = ctl.results(g);
    for (let op = 0; op < Math.max(want.length, got.length); op++) {
      const w = want[op];
      const a = got[op];
      if (w === undefined || a === undefined || !target.sameResult(w, a)) return { kind: 'result', g, op, expected: w, actual: a };
      const wn = spec.nested[g]![op];
      const an = ctl.nested(g)[op];
      if (!isDeepStrictEqual(wn, an)) return { kind: 'nested', g, op, expected: wn, actual: an };
    }
  }
  const diff = subject.difference(spec.final, spec.crash !== undefined);
  if (diff) return { kind: 'final', ...diff };
  return { kind: 'conforms', outcome: spec.outcome, steps: trace.schedule.length };
}

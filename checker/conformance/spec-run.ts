import type { NestedCall } from '../../impl/sched/types.js';
import type { Target } from '../../spec/target.js';
import type { Crash, OpResult, OutcomeClass } from '../../spec/types.js';
import { replayTrace } from '../replay/replay.js';
import type { TraceFile } from '../trace/types.js';

/** What the spec does along a trace's schedule: what the implementation must match. */
export interface SpecRun<S> {
  /** The outcome class the spec's verifiers give the execution. */
  outcome: OutcomeClass;
  /** Each goroutine's results, in the order its operations returned. */
  results: OpResult[][];
  /** For each of those results, the calls a Range callback made inside the operation (usually none). */
  nested: NestedCall[][][];
  /** The crash that ended the execution at the schedule's last step, if any. */
  crash?: Crash;
  /** The target's state after each schedule entry, in order (the last is the final state). */
  after: S[];
  /** The state after the last step. */
  final: S;
}

/**
 * Replays the trace through the spec. The replayer checks that the schedule runs as written and
 * classifies the outcome; the machine is then stepped again here to keep what the replayer does
 * not hand back (each result and nested call, each state). `t` must be the trace's own target.
 */
export function specRun<S>(trace: TraceFile, t: Target<S>): { ok: true; run: SpecRun<S> } | { ok: false; reason: string } {
  const replayed = replayTrace(trace);
  switch (replayed.kind) {
    case 'invalid':
      return { ok: false, reason: replayed.reason };
    case 'diverged':
      return { ok: false, reason: `the spec itself diverges from the trace at step ${replayed.step + 1}: ${replayed.reason}` };
    case 'unfinished':
      return { ok: false, reason: `the schedule ends while ${replayed.reason}` };
    case 'same':
    case 'different':
  }
  const outcome = replayed.kind === 'same' ? replayed.outcome : replayed.actual;
  let s: S = t.init(trace.config, trace.scenario.length);
  const next = trace.scenario.map(() => 0);
  const results: OpResult[][] = trace.scenario.map(() => []);
  const nested: NestedCall[][][] = trace.scenario.map(() => []);
  // The nested calls of each goroutine's running operation; a call's result comes with its last step.
  const running: Array<Array<{ call: NestedCall['call']; result?: OpResult }>> = trace.scenario.map(() => []);
  const after: S[] = [];
  let ops = 0;
  let crash: Crash | undefined;
  for (const { g } of trace.schedule) {
    if (t.idle(s, g)) {
      s = t.start(s, g, trace.scenario[g]![next[g]!]!, ops++);
      next[g]!++;
    }
    const r = t.step(s, g);
    s = r.state;
    after.push(s);
    const { nestedCall, nestedReturns, returns } = r.info;
    if (nestedCall) running[g]!.push({ call: nestedCall });
    if (nestedReturns) running[g]!.at(-1)!.result = nestedReturns;
    if (returns) {
      results[g]!.push(returns);
      nested[g]!.push(running[g]!.map(({ call, result }) => {
        if (!result) throw new Error(`the spec is inconsistent: G${g}'s operation returned before its nested call did`);
        return { call, result };
      }));
      running[g] = [];
    }
    if (r.crash) crash = r.crash;
  }
  return { ok: true, run: { outcome, results, nested, ...(crash ? { crash } : {}), after, final: s } };
}

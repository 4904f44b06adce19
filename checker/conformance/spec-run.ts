import { replayTrace } from '../replay/replay.js';
import type { MState } from '../../spec/hmap/machine.js';
import type { Hmap } from '../../spec/hmap/state.js';
import { hmapTarget } from '../../spec/hmap/target.js';
import type { Crash, OpResult, OutcomeClass } from '../../spec/types.js';
import type { TraceFile } from '../trace/types.js';

/** What the spec does along a trace's schedule: what the implementation must match. */
export interface SpecRun {
  /** The outcome class the spec's verifiers give the execution. */
  outcome: OutcomeClass;
  /** Each goroutine's results, in the order its operations returned. */
  results: OpResult[][];
  /** The crash that ended the execution at the schedule's last step, if any. */
  crash?: Crash;
  /** The shared map after the last step. */
  final: Hmap;
}

/**
 * Replays the trace through the spec. The replayer checks that the schedule runs as written and
 * classifies the outcome; the machine is then stepped again here to keep what the replayer does
 * not hand back (each result, the final memory). Undefined reason: the trace fits the spec.
 */
export function specRun(trace: TraceFile): { ok: true; run: SpecRun } | { ok: false; reason: string } {
  if (trace.target !== 'hmap') return { ok: false, reason: `conformance covers the plain map only so far, not target "${trace.target}"` };
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
  const t = hmapTarget(trace.config);
  let s: MState = t.init(trace.config, trace.scenario.length);
  const next = trace.scenario.map(() => 0);
  const results: OpResult[][] = trace.scenario.map(() => []);
  let ops = 0;
  let crash: Crash | undefined;
  for (const { g } of trace.schedule) {
    if (t.idle(s, g)) {
      s = t.start(s, g, trace.scenario[g]![next[g]!]!, ops++);
      next[g]!++;
    }
    const r = t.step(s, g);
    s = r.state;
    if (r.info.returns) results[g]!.push(r.info.returns);
    if (r.crash) crash = r.crash;
  }
  return { ok: true, run: { outcome, results, ...(crash ? { crash } : {}), final: s.h } };
}

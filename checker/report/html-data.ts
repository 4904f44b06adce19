/**
 * What the HTML report shows of one witness, gathered on the server side: the trace replayed
 * through the spec (the same replay `--replay` runs, so the page shows what the spec does now),
 * its Mermaid diagram, one row per step, and the shared state before and after every step.
 */
import { describeOp, describeResult, describeScenario, dialectOf } from '../../spec/describe.js';
import { crashClass, type StepInfo } from '../../spec/types.js';
import { replayTrace, type ReplayResult } from '../replay/replay.js';
import { renderMermaid } from '../trace/mermaid.js';
import type { ExecutionView, TraceFile } from '../trace/types.js';
import { changedKeys, type StateSnapshot, traceSnapshots } from './snapshot.js';
import type { RunReport } from './types.js';

/** One step as the step-through view shows it. */
export interface StepRow {
  g: number;
  op: string;
  label: string;
  goLine: string;
  detail: string;
  access: string;
  reads: string[];
  writes: string[];
  /** What else happened at this step, in words: the call, the return, a crash, a verdict. */
  events: string[];
}

/** The shared state at one position of the step-through, and what the step before it changed. */
export interface StatePoint {
  snapshot: StateSnapshot;
  changed: string[];
}

export interface WitnessData {
  /** DOM id of the witness's section: 'w0', 'w1', ... in the order given. */
  id: string;
  target: string;
  outcome: string;
  /** The trace's path as the run report lists it, when the report has it. */
  path: string | undefined;
  scenario: string;
  ops: number;
  switches: number;
  steps: number;
  /** Set when the trace does not replay as recorded: one line saying how. */
  problem: string | undefined;
  diagram: string | undefined;
  stepRows: StepRow[];
  /** Index 0: before the first step; index i: after step i. Undefined: no state view for this target. */
  states: StatePoint[] | undefined;
}

export function witnessData(report: RunReport, witnesses: ReadonlyArray<{ outcome: string; trace: TraceFile }>): WitnessData[] {
  return witnesses.map(({ outcome, trace }, i) => {
    const result = replayTrace(trace);
    const view = 'view' in result ? result.view : undefined;
    const listed = report.targets.find((t) => t.target === trace.target)?.witnesses.find((w) => w.outcome === outcome);
    return {
      id: `w${i}`,
      target: trace.target,
      outcome,
      path: listed?.trace,
      scenario: describeScenario(trace.scenario, dialectOf(trace.target)),
      ops: trace.ops,
      switches: trace.switches,
      steps: trace.schedule.length,
      problem: replayProblem(result),
      diagram: view && renderMermaid(view),
      stepRows: view ? stepRows(view) : [],
      states: view ? statePoints(trace, view.steps.length) : undefined,
    };
  });
}

function replayProblem(r: ReplayResult): string | undefined {
  switch (r.kind) {
    case 'same':
      return undefined;
    case 'different':
      return `this trace now ends in "${r.actual}", not the recorded "${r.expected}"`;
    case 'unfinished':
      return `the schedule stops before the execution ends: ${r.reason}`;
    case 'diverged': {
      const versions = r.specVersions ? ` (trace from spec ${r.specVersions.trace}, checker runs ${r.specVersions.checker})` : '';
      return `the trace no longer fits the spec at step ${r.step + 1}: ${r.reason}${versions}`;
    }
    case 'invalid':
      return `the trace cannot be replayed: ${r.reason}`;
  }
}

function stepRows(view: ExecutionView): StepRow[] {
  return view.steps.map((s, i) => ({
    g: s.goroutine,
    op: s.op,
    label: s.label,
    goLine: s.goLine,
    detail: s.detail,
    access: s.access,
    reads: s.reads,
    writes: s.writes,
    events: stepEvents(view, s, i),
  }));
}

function stepEvents(view: ExecutionView, s: StepInfo, i: number): string[] {
  const events: string[] = [];
  if (s.call) events.push(`G${s.goroutine} calls ${s.op}`);
  if (s.nestedCall) events.push(`the Range callback calls ${describeOp(s.nestedCall, 'syncmap')}`);
  if (s.nestedReturns) events.push(`the callback's call returns ${describeResult(s.nestedReturns)}`);
  if (s.returns) events.push(`${s.op} returns ${describeResult(s.returns)}`);
  if (s.crash) events.push(`the program stops: ${crashClass(s.crash)}`);
  if (view.brokenInvariant?.afterStep === i) events.push(`invariant broken: ${view.brokenInvariant.name}`);
  if (view.nonlinearizable?.atStep === i) events.push(`not linearizable: ${view.nonlinearizable.op}`);
  return events;
}

/** The snapshots with what each step changed; none when they do not line up with the replayed steps. */
function statePoints(trace: TraceFile, steps: number): StatePoint[] | undefined {
  const snaps = traceSnapshots(trace);
  if (!snaps || snaps.length !== steps + 1) return undefined;
  return snaps.map((snapshot, i) => ({ snapshot, changed: changedKeys(snaps[i - 1], snapshot) }));
}

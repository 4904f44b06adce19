/**
 * `--replay`: runs a trace's schedule on the spec again, step by step, and says whether it
 * reaches the recorded outcome or where it stopped fitting the spec.
 */
import { readFileSync } from 'node:fs';
import { describeOp, dialectOf } from '../../spec/describe.js';
import { readProblem } from '../cli/errors.js';
import type { Target } from '../../spec/target.js';
import { crashClass, type OutcomeClass } from '../../spec/types.js';
import { applyEdge, type Bounds, initialNode, isEnd, type Node, outcomeOf } from '../explore/node.js';
import { makeTarget, SHARDED, targetNames } from '../run/targets.js';
import { parseTrace } from '../trace/io.js';
import type { ExecutionView, TraceFile } from '../trace/types.js';
import { emptyParts, recordStep } from './recorder.js';

/** How a replay ended. Every kind is an expected answer about the trace, not a failure of ours. */
export type ReplayResult =
  /** The schedule ran as written and ended in the recorded outcome. */
  | { kind: 'same'; outcome: OutcomeClass; view: ExecutionView }
  /** The schedule ran as written but the execution ended differently. */
  | { kind: 'different'; expected: OutcomeClass; actual: OutcomeClass; view: ExecutionView }
  /** Schedule entry `step` (0-based) could not run as written; `actual` is the label the spec offered, if any. */
  | {
    kind: 'diverged'; step: number; expected: string; actual: string | undefined; reason: string;
    /** Present when the trace came from another spec version, the most likely cause of a divergence. */
    specVersions?: { trace: string; checker: string };
  }
  /** The schedule ran as written but stopped before the execution ended: `reason` says what was left. */
  | { kind: 'unfinished'; reason: string; view: ExecutionView }
  /** The trace cannot be replayed at all here, e.g. it names a target this checker does not have. */
  | { kind: 'invalid'; reason: string };

export function replayTrace(trace: TraceFile): ReplayResult {
  const target = makeTarget(trace.target, trace.config, trace.mutant, trace.shards);
  if (!target && trace.mutant !== undefined && targetNames().includes(trace.target)) {
    return { kind: 'invalid', reason: `target "${trace.target}" has no mutant "${trace.mutant}"` };
  }
  if (!target && trace.shards !== undefined && targetNames().includes(trace.target)) {
    return { kind: 'invalid', reason: `target "${trace.target}" has no shards (only ${SHARDED} has)` };
  }
  if (!target) return { kind: 'invalid', reason: `unknown target "${trace.target}" (known: ${targetNames().join(', ')})` };
  return replayWith(target, trace);
}

function replayWith<S>(target: Target<S>, trace: TraceFile): ReplayResult {
  const { scenario, schedule, config } = trace;
  // The depth bound only limits the search; the replay just needs room for every scenario op.
  const b: Bounds = { depth: scenario.flat().length, goroutines: scenario.length, keys: config.hashes.length };
  const specVersions = trace.specVersion === target.specVersion
    ? {} : { specVersions: { trace: trace.specVersion, checker: target.specVersion } };
  const next: number[] = scenario.map(() => 0);
  const parts = emptyParts();
  let node: Node<S> = initialNode(target, config, b);
  for (const [i, entry] of schedule.entries()) {
    const { g, label } = entry;
    const diverged = (actual: string | undefined, why: string): ReplayResult =>
      ({ kind: 'diverged', step: i, expected: label, actual, reason: why, ...specVersions });
    if (node.crash) return diverged(undefined, `the execution already ended in ${crashClass(node.crash)}`);
    const idle = target.idle(node.s, g);
    const op = idle ? scenario[g]![next[g]!] : null;
    if (idle && !op) return diverged(undefined, `G${g} has no operation left to start`);
    if (!idle && !target.enabled(node.s, g)) return diverged(undefined, `G${g} is blocked`);
    // Label of the step about to run: after starting the op when g is between operations.
    const actual = target.nextLabel(op ? target.start(node.s, g, op, node.ops) : node.s, g);
    if (actual !== label) return diverged(actual, 'the spec runs another step here');
    if (op) next[g] = next[g]! + 1;
    const r = applyEdge(target, b, node, { g, op: op ?? null });
    recordStep(parts, node, r.node, r.info);
    node = r.node;
  }
  const view: ExecutionView = { trace, ...parts };
  const left = leftover(target, trace, node, next);
  if (left.length > 0 || !isEnd(target, b, node)) {
    return { kind: 'unfinished', reason: left.join('; ') || 'no operation has run', view };
  }
  const actual = outcomeOf(node);
  return actual === trace.outcome
    ? { kind: 'same', outcome: actual, view }
    : { kind: 'different', expected: trace.outcome, actual, view };
}

/** What the schedule left undone: operations still running, and (unless it crashed) ones never started. */
function leftover<S>(target: Target<S>, trace: TraceFile, node: Node<S>, next: number[]): string[] {
  if (node.crash) return [];
  const out: string[] = [];
  trace.scenario.forEach((program, g) => {
    const running = target.idle(node.s, g) ? undefined : program[next[g]! - 1];
    if (running) out.push(`G${g} is still in ${describeOp(running, dialectOf(trace.target))}`);
    const unstarted = program.slice(next[g]);
    if (unstarted.length > 0) out.push(`G${g} never started ${unstarted.map((op) => describeOp(op, dialectOf(trace.target))).join(', ')}`);
  });
  return out;
}

export type ReplayFileResult = { ok: true; trace: TraceFile; result: ReplayResult } | { ok: false; error: string };

/** Reads, checks and replays a trace file; an unreadable or malformed file is a one-line error. */
export function replayFile(path: string): ReplayFileResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, error: `cannot read trace file "${path}": ${readProblem(e)}` };
  }
  const parsed = parseTrace(text, path);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ok: true, trace: parsed.trace, result: replayTrace(parsed.trace) };
}


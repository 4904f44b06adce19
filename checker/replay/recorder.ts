import type { Node } from '../explore/node.js';
import { describeOp } from '../../spec/describe.js';
import type { StepInfo } from '../../spec/types.js';
import type { ExecutionView } from '../trace/types.js';

/** What an ExecutionView adds to its trace, gathered step by step while an execution is replayed. */
export type ViewParts = Omit<ExecutionView, 'trace'>;

/**
 * Records one step taken by applyEdge from `before` to `after`. The verdicts are read off the
 * nodes rather than recomputed, so the diagram marks exactly where the search's own verifiers
 * first saw the invariant broken or the history become unexplainable.
 */
export function recordStep<S>(parts: ViewParts, before: Node<S>, after: Node<S>, info: StepInfo): void {
  parts.steps.push(info);
  const i = parts.steps.length - 1;
  if (before.broken === undefined && after.broken !== undefined && parts.brokenInvariant === undefined) {
    parts.brokenInvariant = { afterStep: i, name: after.broken };
  }
  const failed = after.mon.failed;
  if (!before.mon.failed && failed && parts.nonlinearizable === undefined) {
    parts.nonlinearizable = { atStep: i, op: describeOp(failed.op) };
  }
}

export function emptyParts(): ViewParts {
  return { steps: [] };
}

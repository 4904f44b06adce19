import { describeOp } from '../../spec/describe.js';
import type { Crash, OpResult, OutcomeClass } from '../../spec/types.js';
import type { ScheduledStep } from '../trace/types.js';
import type { NestedCall, ThrownError } from '../../impl/sched/types.js';
import type { SyncPart } from './syncmap-final.js';

/**
 * What the map comparison looks at: the plain map's parts (final.ts), sync.Map's
 * (syncmap-final.ts), and a guarded map's lock words (guarded-final.ts).
 */
export type FinalPart = 'B' | 'count' | 'flags' | 'contents' | 'memory' | SyncPart | 'lock';

/**
 * How one trace ran on the real workers. Steps are numbered from 0 here; texts for people number
 * them from 1, as the diagrams' arrows are numbered.
 */
export type Verdict =
  /** Every step reached the label the spec expects, and the results, crash and final map agree. */
  | { kind: 'conforms'; outcome: OutcomeClass; steps: number }
  /** Before schedule entry `step`, goroutine g stood somewhere else than the spec's label. */
  | { kind: 'diverged'; step: number; g: number; expected: string; actual: string }
  /** The implementation crashed where the spec did not (or the other way round, or differently). */
  | { kind: 'crash'; step: number; expected: Crash | undefined; actual: ThrownError | undefined }
  /** Goroutine g's operation `op` (counted within g's program) returned something else. */
  | { kind: 'result'; g: number; op: number; expected: OpResult | undefined; actual: OpResult | undefined }
  /** The calls goroutine g's operation `op` (a Range) made from its callback differ from the spec's. */
  | { kind: 'nested'; g: number; op: number; expected: NestedCall[] | undefined; actual: NestedCall[] | undefined }
  /** The map after the schedule differs from the spec's in `part`. */
  | { kind: 'final'; part: FinalPart; expected: string; actual: string }
  /** The map after schedule entry `step` (not the last) already differs from the spec's in `part` (sync.Map, a guarded map's locks). */
  | { kind: 'state'; step: number; part: FinalPart; expected: string; actual: string }
  /** A worker hung or died: detected after the timeout, with the schedule that led there. */
  | { kind: 'unresponsive'; g: number; step: number; prefix: ScheduledStep[]; message: string }
  /** A worker failed outside any operation, or could not start. */
  | { kind: 'failed'; message: string }
  /** The trace cannot be run here at all (another target, or the spec itself does not fit it). */
  | { kind: 'invalid'; reason: string };

export function conforms(v: Verdict): boolean {
  return v.kind === 'conforms';
}

const q = (s: string): string => JSON.stringify(s);

function crashText(c: Crash | ThrownError | undefined): string {
  if (c === undefined) return 'no crash';
  if ('kind' in c) return `${c.kind}: ${c.message}`;
  return c.goKind ? `${c.goKind}: ${c.message}` : `${c.name}: ${c.message}`;
}

/** Nested calls as Go calls: '[m.Delete(k0), m.Delete(k1)]'; their results are always Store's and Delete's none. */
export function nestedText(calls: readonly NestedCall[] | undefined): string {
  return calls === undefined ? '(none: the operation did not return)' : `[${calls.map((c) => describeOp(c.call, 'syncmap')).join(', ')}]`;
}

/**
 * One line and an exit code for a trace, in the style of `--replay`: 0 conforms, 1 the
 * implementation and the spec part (or a worker hung or died), 2 the trace cannot be run.
 */
export function verdictLine(file: string, v: Verdict): { line: string; code: 0 | 1 | 2 } {
  const head = `conformance ${file}`;
  switch (v.kind) {
    case 'conforms':
      return { line: `${head}: conforms (${v.steps} steps, ${v.outcome})`, code: 0 };
    case 'diverged':
      return { line: `${head}: diverged at step ${v.step + 1}: G${v.g} expected ${q(v.expected)}, implementation at ${q(v.actual)}`, code: 1 };
    case 'crash':
      return { line: `${head}: at step ${v.step + 1} the spec has ${crashText(v.expected)}, the implementation ${crashText(v.actual)}`, code: 1 };
    case 'result':
      return { line: `${head}: G${v.g}'s operation ${v.op + 1} returned ${JSON.stringify(v.actual)}, the spec ${JSON.stringify(v.expected)}`, code: 1 };
    case 'nested':
      return { line: `${head}: G${v.g}'s operation ${v.op + 1} made the nested calls ${nestedText(v.actual)}, the spec ${nestedText(v.expected)}`, code: 1 };
    case 'final':
      return { line: `${head}: final ${v.part} differs: spec ${v.expected}, implementation ${v.actual}`, code: 1 };
    case 'state':
      return { line: `${head}: after step ${v.step + 1} ${v.part} differs: spec ${v.expected}, implementation ${v.actual}`, code: 1 };
    case 'unresponsive': {
      const prefix = v.prefix.map((s) => `G${s.g} ${q(s.label)}`).join(', ');
      return { line: `${head}: ${v.message} (at step ${v.step + 1}; schedule so far: ${prefix || 'none'})`, code: 1 };
    }
    case 'failed':
      return { line: `${head}: ${v.message}`, code: 1 };
    case 'invalid':
      return { line: `${head}: ${v.reason}`, code: 2 };
  }
}

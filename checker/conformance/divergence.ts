import { join } from 'node:path';
import { replayTrace } from '../replay/replay.js';
import { type DiagramMark, renderMermaid } from '../trace/mermaid.js';
import type { TraceFile } from '../trace/types.js';
import { writeTraceFiles } from '../trace/write.js';
import { nestedText, type Verdict } from './verdict.js';

/**
 * Where in the schedule a verdict says the implementation parted from the spec, and in what
 * words; undefined for verdicts that are not a divergence (conforms, invalid) or have no place
 * in the schedule (a worker that failed outside any operation).
 */
export function divergenceMark(trace: TraceFile, v: Verdict): DiagramMark | undefined {
  const end = trace.schedule.length - 1;
  switch (v.kind) {
    case 'diverged':
      return { afterStep: v.step - 1, text: `implementation parted from the spec before step ${v.step + 1}: G${v.g} should stand at "${v.expected}" but stands at "${v.actual}"` };
    case 'crash':
      return { afterStep: v.step, text: `implementation parted from the spec at step ${v.step + 1}: it ${v.actual ? `threw ${v.actual.message}` : 'did not crash'}` };
    case 'result':
      return { afterStep: end, text: `implementation parted from the spec: G${v.g}'s operation ${v.op + 1} returned ${JSON.stringify(v.actual)}, the spec ${JSON.stringify(v.expected)}` };
    case 'nested':
      return { afterStep: end, text: `implementation parted from the spec: G${v.g}'s operation ${v.op + 1} made the nested calls ${nestedText(v.actual)}, the spec ${nestedText(v.expected)}` };
    case 'final':
      return { afterStep: end, text: `implementation parted from the spec: final ${v.part} is ${v.actual}, the spec's ${v.expected}` };
    case 'state':
      return { afterStep: v.step, text: `implementation parted from the spec after step ${v.step + 1}: ${v.part} is ${v.actual}, the spec's ${v.expected}` };
    case 'unresponsive':
      return { afterStep: v.step - 1, text: `implementation stopped answering at step ${v.step + 1}: ${v.message}` };
    default:
      return undefined;
  }
}

/**
 * Writes a diverging trace as `<dir>/<target>/<name>.json` (the trace itself, so --replay and
 * --conformance run it again) and a `.mmd` diagram of the spec's execution with the place the
 * implementation parted marked. Returns the paths, or undefined when there is nothing to mark.
 */
export function writeDivergence(dir: string, trace: TraceFile, v: Verdict): { json: string; mmd: string } | undefined {
  const mark = divergenceMark(trace, v);
  if (!mark) return undefined;
  const replayed = replayTrace(trace);
  // The spec side of a divergence always replays (conformance ran it first); a trace that does not is reported without a diagram.
  if (replayed.kind !== 'same' && replayed.kind !== 'different') return undefined;
  return writeTraceFiles(join(dir, trace.target), trace, renderMermaid(replayed.view, mark));
}

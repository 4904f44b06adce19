import type { TraceFile } from '../trace/types.js';
import { writeDivergence } from './divergence.js';
import { verdictLine, type Verdict } from './verdict.js';

/**
 * The lines a conformance run prints, as they come (`onLine`), and the worst exit code among
 * them: 0 all conform, 1 some run parted from the spec, 2 some could not be run at all.
 */
export class RunLines {
  readonly lines: string[] = [];
  code: 0 | 1 | 2 = 0;

  constructor(private readonly onLine?: (line: string) => void) {}

  add(line: string, code: 0 | 1 | 2): void {
    this.lines.push(line);
    this.code = Math.max(this.code, code) as 0 | 1 | 2;
    this.onLine?.(line);
  }

  /**
   * A verdict's line, `name` saying which run it was; a run that parted from the spec also leaves
   * its trace and a diagram marking where under `divergences` (when given), and says so.
   */
  verdict(name: string, trace: TraceFile, verdict: Verdict, divergences: string | undefined): void {
    const { line, code } = verdictLine(name, verdict);
    this.add(line, code);
    const written = divergences === undefined ? undefined : writeDivergence(divergences, trace, verdict);
    if (written) this.add(`  divergence written: ${written.json} and ${written.mmd}`, code);
  }
}

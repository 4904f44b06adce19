import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTrace } from '../trace/io.js';
import { type ConformOptions, conformTrace } from './conform.js';
import { writeDivergence } from './divergence.js';
import { verdictLine, type Verdict } from './verdict.js';

/** Targets with a real implementation to conform: only the plain map so far. */
export const CONFORMING_TARGETS: readonly string[] = ['hmap'];

/** The committed traces the conformance run covers: every .json under <tracesDir>/<target>/, sorted. */
export function conformanceFiles(tracesDir: string): string[] {
  const out: string[] = [];
  for (const target of CONFORMING_TARGETS) {
    let names: string[];
    try {
      names = readdirSync(join(tracesDir, target));
    } catch {
      continue; // no traces for this target
    }
    out.push(...names.filter((f) => f.endsWith('.json')).sort().map((f) => join(tracesDir, target, f)));
  }
  return out;
}

export interface CorpusResult {
  /** One line per file, in order (see verdictLine). */
  lines: string[];
  verdicts: Array<{ file: string; verdict: Verdict | undefined }>;
  /** The worst code: 0 all conform, 1 some run parted from the spec, 2 some file could not be run. */
  code: 0 | 1 | 2;
}

/**
 * Runs each trace file on real workers, one at a time (each run owns one worker per goroutine,
 * and the 2-core machine has no room for more). `onLine` sees each line as soon as it is known.
 */
export async function conformFiles(
  files: readonly string[], opts: ConformOptions & { divergences?: string } = {}, onLine?: (line: string) => void,
): Promise<CorpusResult> {
  const result: CorpusResult = { lines: [], verdicts: [], code: 0 };
  const add = (line: string, code: 0 | 1 | 2): void => {
    result.lines.push(line);
    result.code = Math.max(result.code, code) as 0 | 1 | 2;
    onLine?.(line);
  };
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      result.verdicts.push({ file, verdict: undefined });
      add(`conformance ${file}: cannot read the file (${e instanceof Error ? e.message : String(e)})`, 2);
      continue;
    }
    const parsed = parseTrace(text, file);
    if (!parsed.ok) {
      result.verdicts.push({ file, verdict: undefined });
      add(`conformance ${parsed.error}`, 2);
      continue;
    }
    const verdict = await conformTrace(parsed.trace, opts);
    result.verdicts.push({ file, verdict });
    const { line, code } = verdictLine(file, verdict);
    add(line, code);
    // A run that parted from the spec leaves the trace and a diagram marking where, to look at.
    const written = opts.divergences === undefined ? undefined : writeDivergence(opts.divergences, parsed.trace, verdict);
    if (written) add(`  divergence written: ${written.json} and ${written.mmd}`, code);
  }
  return result;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProblem } from '../cli/errors.js';
import { parseTrace } from '../trace/io.js';
import { type ConformOptions, conformTrace, MUTANT_REASON } from './conform.js';
import { RunLines } from './lines.js';
import { CONFORMANCE_TARGET_NAMES } from './targets.js';
import type { Verdict } from './verdict.js';

/** Targets with a real implementation to conform: the plain map, sync.Map and the three locked maps. */
export const CONFORMING_TARGETS: readonly string[] = CONFORMANCE_TARGET_NAMES;

/**
 * The committed traces the conformance run covers: every .json under <tracesDir>/<target>/,
 * target by target (those of `targets` only, when given), sorted. A mutant trace filed there
 * stays in the list: conformFiles skips it with a line that says so, so nobody wonders where it
 * went.
 */
export function conformanceFiles(tracesDir: string, targets?: readonly string[]): string[] {
  const out: string[] = [];
  for (const target of CONFORMING_TARGETS) {
    if (targets && !targets.includes(target)) continue;
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
  /** verdict undefined: the file could not be run (see its line), or was skipped (`skipped` says why). */
  verdicts: Array<{ file: string; verdict: Verdict | undefined; skipped?: string }>;
  /** The worst code: 0 all conform (skipped mutant traces count as nothing), 1 some run parted from the spec, 2 some file could not be run. */
  code: 0 | 1 | 2;
}

/**
 * Runs each trace file on real workers, one at a time (each run owns one worker per goroutine,
 * and the 2-core machine has no room for more). `onLine` sees each line as soon as it is known.
 */
export async function conformFiles(
  files: readonly string[], opts: ConformOptions & { divergences?: string } = {}, onLine?: (line: string) => void,
): Promise<CorpusResult> {
  const out = new RunLines(onLine);
  const verdicts: CorpusResult['verdicts'] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      verdicts.push({ file, verdict: undefined });
      out.add(`conformance ${file}: cannot read the file (${readProblem(e)})`, 2);
      continue;
    }
    const parsed = parseTrace(text, file);
    if (!parsed.ok) {
      verdicts.push({ file, verdict: undefined });
      out.add(`conformance ${parsed.error}`, 2);
      continue;
    }
    if (parsed.trace.mutant !== undefined) {
      const skipped = `${MUTANT_REASON} (mutant "${parsed.trace.mutant}")`;
      verdicts.push({ file, verdict: undefined, skipped });
      out.add(`conformance ${file}: skipped: ${skipped}`, 0);
      continue;
    }
    const verdict = await conformTrace(parsed.trace, opts);
    verdicts.push({ file, verdict });
    out.verdict(file, parsed.trace, verdict, opts.divergences);
  }
  return { lines: out.lines, verdicts, code: out.code };
}

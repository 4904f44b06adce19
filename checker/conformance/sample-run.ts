import { type ConformOptions, conformTrace } from './conform.js';
import { writeDivergence } from './divergence.js';
import { sampleSchedules, type SampleSpec } from './sample.js';
import { verdictLine } from './verdict.js';

export interface SampleResult {
  /** A line per diverging schedule (and its divergence files), then a summary line per target. */
  lines: string[];
  /** Diverging schedules per target, in the order the targets ran. */
  diverged: Array<{ target: string; count: number }>;
  /** 0 every schedule conforms, 1 some diverged, 2 some could not be run at all (a bug of ours: the spec made it). */
  code: 0 | 1 | 2;
}

/** How a sampled schedule is named in its lines: enough to find it again (same seed, same schedules). */
export function sampleName(target: string, i: number, spec: SampleSpec): string {
  return `${target} sample ${i + 1} of ${spec.n} (seed ${spec.seed})`;
}

/**
 * Runs `spec.n` seeded random schedules of each target on real workers (conformTrace), one at a
 * time as conformFiles does. Only what goes wrong gets a line, and a divergence leaves its trace
 * and marked diagram under `divergences` as the committed traces' do; each target then gets one
 * summary line. `onLine` sees each line as soon as it is known.
 */
export async function conformSamples(
  targets: readonly string[], spec: SampleSpec, opts: ConformOptions & { divergences?: string } = {}, onLine?: (line: string) => void,
): Promise<SampleResult> {
  const result: SampleResult = { lines: [], diverged: [], code: 0 };
  const add = (line: string, code: 0 | 1 | 2): void => {
    result.lines.push(line);
    result.code = Math.max(result.code, code) as 0 | 1 | 2;
    onLine?.(line);
  };
  for (const target of targets) {
    let count = 0;
    for (const [i, trace] of sampleSchedules(target, spec).entries()) {
      const verdict = await conformTrace(trace, opts);
      if (verdict.kind === 'conforms') continue;
      count++;
      const { line, code } = verdictLine(sampleName(target, i, spec), verdict);
      add(line, code);
      const written = opts.divergences === undefined ? undefined : writeDivergence(opts.divergences, trace, verdict);
      if (written) add(`  divergence written: ${written.json} and ${written.mmd}`, code);
    }
    result.diverged.push({ target, count });
    const what = `${spec.n} sampled schedule${spec.n === 1 ? '' : 's'} of depth ≤ ${spec.depth} (seed ${spec.seed})`;
    add(`${target}: ${what}: ${count === 0 ? 'all conform' : `${count} diverged`}`, 0);
  }
  return result;
}

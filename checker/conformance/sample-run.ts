import { type ConformOptions, conformTrace } from './conform.js';
import { RunLines } from './lines.js';
import { sampleSchedules, type SampleSpec } from './sample.js';
import { plural } from '../report/numbers.js';

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
  const out = new RunLines(onLine);
  const diverged: SampleResult['diverged'] = [];
  for (const target of targets) {
    let count = 0;
    for (const [i, trace] of sampleSchedules(target, spec).entries()) {
      const verdict = await conformTrace(trace, opts);
      if (verdict.kind === 'conforms') continue;
      count++;
      out.verdict(sampleName(target, i, spec), trace, verdict, opts.divergences);
    }
    diverged.push({ target, count });
    const what = `${plural(spec.n, 'sampled schedule')} of depth ≤ ${spec.depth} (seed ${spec.seed})`;
    out.add(`${target}: ${what}: ${count === 0 ? 'all conform' : `${count} diverged`}`, 0);
  }
  return { lines: out.lines, diverged, code: out.code };
}

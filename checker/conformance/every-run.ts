import type { MapConfig } from '../../spec/config.js';
import { type BoundTier, boundWords, contextBound } from '../explore/bound.js';
import type { Bounds } from '../explore/node.js';
import { type ConformOptions, conformTrace } from './conform.js';
import { RunLines } from './lines.js';
import { endStateSchedules } from './schedules.js';
import { conformanceTarget } from './targets.js';
import { ReusedWorkers } from './workers.js';
import { plural } from '../report/numbers.js';

/** The scenarios whose every schedule is run: the checker's bounds. */
export interface EverySpec {
  depth: number;
  goroutines: number;
  keys: number;
  config: MapConfig;
  /** The sharded map's shard count (its default when absent); ignored by the other targets. */
  shards?: number;
}

/** One target to run, with the context bound its search gets (hmap past its exhaustive reach). */
export interface EveryTarget {
  name: string;
  preemptions?: number;
  /** With the bound: its grades for shorter executions (checker/explore/bound.ts). */
  tiers?: readonly BoundTier[];
  /** Set when the bound is the automatic one (checker/run/auto-bound.ts), not the user's. */
  automatic?: boolean;
}

export interface EveryResult {
  /** A line per diverging schedule (and its divergence files), then a summary line per target. */
  lines: string[];
  /** Per target: schedules run, how many diverged, and the worker threads started for them all. */
  targets: Array<{ target: string; schedules: number; diverged: number; threads: number }>;
  /** 0 every schedule conforms, 1 some diverged, 2 some could not be run at all (a bug of ours: the spec made it). */
  code: 0 | 1 | 2;
}

/** Progress lines are written at most this often: a long run is not silent, a short one not noisy. */
const PROGRESS_EVERY_MS = 10_000;

/**
 * Runs every schedule of each target up to the bounds (endStateSchedules: the checker's
 * executions) on real workers, reusing the same threads from one schedule to the next. Only what
 * goes wrong gets a line, with its divergence files under `divergences`; each target then gets a
 * summary line. `onProgress` hears how far a long run has got.
 */
export async function conformEvery(
  targets: readonly EveryTarget[], spec: EverySpec, opts: ConformOptions & { divergences?: string } = {},
  onLine?: (line: string) => void, onProgress?: (line: string) => void,
): Promise<EveryResult> {
  const out = new RunLines(onLine);
  const done: EveryResult['targets'] = [];
  for (const t of targets) {
    const ct = conformanceTarget(t.name);
    if (!ct) throw new Error(`no conformance target "${t.name}"`);
    const shards = t.name === 'sharded-map' ? spec.shards : undefined;
    const b: Bounds = { depth: spec.depth, goroutines: spec.goroutines, keys: spec.keys, ...contextBound(t) };
    const what = describe(t, spec.depth);
    const workers = new ReusedWorkers();
    let schedules = 0;
    let diverged = 0;
    let lastProgress = Date.now();
    try {
      for (const trace of endStateSchedules(ct.spec(spec.config, shards), spec.config, b, shards)) {
        schedules++;
        const verdict = await conformTrace(trace, { ...opts, workers });
        if (onProgress && Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          onProgress(`${t.name}: ${schedules} schedules run so far (${diverged} diverged)`);
        }
        if (verdict.kind === 'conforms') continue;
        diverged++;
        out.verdict(`${t.name} schedule ${schedules} (${what})`, trace, verdict, opts.divergences);
      }
    } finally {
      await workers.close();
    }
    done.push({ target: t.name, schedules, diverged, threads: workers.threadsStarted });
    out.add(`${t.name}: ${plural(schedules, 'schedule')} (${what}): ${diverged === 0 ? 'all conform' : `${diverged} diverged`}`, 0);
  }
  return { lines: out.lines, targets: done, code: out.code };
}

/** What the schedules of a target are: every end state of the search, bounded as the checker bounds it. */
function describe(t: EveryTarget, depth: number): string {
  if (t.preemptions === undefined) return `every end state of depth ≤ ${depth}`;
  return `every end state of depth ≤ ${depth}, ${boundWords(t)}${t.automatic ? ', the automatic bound past exhaustive reach' : ''}`;
}

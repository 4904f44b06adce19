import { join, resolve } from 'node:path';
import { CONFIGS, type MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { type CheckOptions, PARALLEL_FROM_DEPTH } from '../cli/options.js';
import { exhaustivePastReach } from './auto-bound.js';
import { defaultWorkers, exploreParallel } from '../explore/parallel.js';
import { createProgress, type Progress, progressEnabled, type ProgressStream } from '../cli/progress.js';
import { scenarioCount } from '../explore/alphabet.js';
import { contextBound } from '../explore/bound.js';
import { ALL_REDUCTIONS, type Bounds } from '../explore/node.js';
import { explore, type ExploreResult } from '../explore/search.js';
import { BREACH, findWitnesses, type WitnessPath } from '../explore/witness.js';
import type { TargetReport, WitnessReport } from '../report/types.js';
import type { TraceFile } from '../trace/types.js';
import { saveWitness } from './save-witness.js';
import { makeTarget, SHARDED } from './targets.js';
import { DEFAULT_SHARDS } from '../../spec/guarded/index.js';
import { witnessTrace } from './witness-trace.js';

/** The world checkTargetWithTraces touches besides the trace directory. */
export interface CheckIo {
  /** Progress goes here (stderr), never to stdout, which carries the report. */
  stderr: ProgressStream;
  /** Trace paths are resolved against this and reported relative to it. */
  cwd: string;
}

/** A target's report, and each witness's trace (for the HTML report, which draws them). */
export interface CheckedTarget {
  report: TargetReport;
  traces: Array<{ outcome: string; trace: TraceFile }>;
}

/** A target made ready to explore: its spec, configuration and bounds, as the options ask. */
export interface PreparedTarget {
  target: Target<unknown>;
  cfg: MapConfig;
  bounds: Bounds;
  /** The shard count traces record (only when not the default). */
  traceShards: number | undefined;
  /** The shard count the report shows (sharded-map only). */
  reportShards: number | undefined;
}

export function prepareTarget(options: CheckOptions): PreparedTarget {
  const cfg = CONFIGS[options.config];
  // Traces record the shard count only when it is not the default, so older traces stay valid.
  const sharded = options.target === SHARDED;
  const traceShards = sharded && options.shards !== undefined && options.shards !== DEFAULT_SHARDS ? options.shards : undefined;
  const target = cfg && makeTarget(options.target, cfg, undefined, traceShards);
  // parseCheckArgs has checked both names, so a miss here is a mismatch between our own lists.
  if (!cfg || !target) throw new Error(`no target "${options.target}" with config "${options.config}" (the CLI's lists and checker/run/targets.ts disagree)`);
  const bounds: Bounds = {
    depth: options.depth, goroutines: options.goroutines, keys: options.keys, ...contextBound(options),
  };
  return { target, cfg, bounds, traceShards, reportShards: sharded ? options.shards ?? DEFAULT_SHARDS : undefined };
}

/**
 * The threads a check's search runs on: `--workers`, or one per core from depth
 * PARALLEL_FROM_DEPTH on and for hmap explored in full past its reach (depth 3 with two keys is
 * 3.9 million states: 80 s on one thread, about 45 s on two), else one; always one with --por.
 */
export function searchWorkers(options: CheckOptions): number {
  if (options.por) return 1;
  if (options.workers !== undefined) return options.workers;
  return options.depth >= PARALLEL_FROM_DEPTH || exhaustivePastReach(options) ? defaultWorkers() : 1;
}

/**
 * Checks `options.target`: explores every interleaving within the bounds, finds a minimal witness
 * per outcome class, writes each as a trace and diagram under `<traces>/<target>/`, and reports.
 * The search is split over worker threads when that pays (`--workers W`, or by default one per
 * core from depth PARALLEL_FROM_DEPTH on); the report is the same either way, apart from
 * timings, because the state keys are canonical.
 */
export async function checkTargetWithTraces(options: CheckOptions, io: CheckIo): Promise<CheckedTarget> {
  const prepared = prepareTarget(options);
  const { target, cfg, bounds } = prepared;
  const workers = searchWorkers(options);
  const started = performance.now();
  const progress = progressFor(options, io);
  const onProgress = (states: number): void => progress.update(states, target.name);
  let result: ExploreResult;
  try {
    if (workers > 1) result = await exploreParallel(options, workers, onProgress);
    else result = explore(target, { ...bounds, cfg, reductions: { ...ALL_REDUCTIONS, dpor: options.por && target.locationClass !== undefined }, onProgress });
  } finally {
    progress.done();
  }
  return reportTarget(prepared, options, io, result, started);
}

/** The progress line of a search (the exploration, then the witness search): stderr, by progressEnabled's rule. */
function progressFor(options: CheckOptions, io: CheckIo): Progress {
  return createProgress({ enabled: progressEnabled(options.json, io.stderr.isTTY === true), stream: io.stderr });
}

/** What an exploration (or the merge of shards) found, as the report needs it. */
export type Findings = Pick<ExploreResult, 'states' | 'executions' | 'outcomes' | 'breached'>;

/**
 * Finds a minimal witness per outcome class the exploration reached (and one for a breach),
 * writes each as a trace and diagram under `<traces>/<target>/`, and builds the target's report.
 * Files are written only now, after the search, so an interrupted run leaves none half-made.
 */
export function reportTarget(prepared: PreparedTarget, options: CheckOptions, io: CheckIo, result: Findings, started: number, extraSeconds = 0): CheckedTarget {
  const { target, cfg, bounds, traceShards, reportShards } = prepared;
  const wanted = new Set<string>(result.outcomes.keys());
  if (result.breached) wanted.add(BREACH);
  const progress = progressFor(options, io);
  let paths: Map<string, WitnessPath>;
  try {
    paths = findWitnesses(target, cfg, bounds, wanted, {
      onProgress: (settled, found) => progress.update(settled, `${target.name}, minimal witnesses (${found} of ${wanted.size} found)`),
    });
  } finally {
    progress.done();
  }
  const seconds = (performance.now() - started) / 1000 + extraSeconds;

  const dir = join(resolve(io.cwd, options.traces), target.name);
  const traces: CheckedTarget['traces'] = [];
  const save = (path: WitnessPath): string => {
    const { view } = witnessTrace(target, cfg, bounds, path, undefined, traceShards);
    traces.push({ outcome: path.outcome, trace: view.trace });
    return saveWitness(dir, view, options.write, io.cwd);
  };
  const outcomes = [...result.outcomes.keys()].sort(byCodeUnit);
  const witnesses: WitnessReport[] = outcomes.map((outcome) => {
    const path = found(paths, outcome);
    return { outcome, trace: save(path), ops: path.ops, switches: path.switches, steps: path.steps };
  });

  const report: TargetReport = {
    target: target.name,
    ...(reportShards === undefined ? {} : { shards: reportShards }),
    ...contextBound(options),
    contract: result.breached ? 'broken' : 'holds',
    scenarios: scenarioCount(bounds.depth, bounds.goroutines, target.alphabet(bounds.keys, 1).length),
    executions: result.executions,
    states: result.states,
    seconds,
    // maxRSS is in KiB and covers the whole process so far, worker threads included.
    peakMemoryMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    outcomes: Object.fromEntries(outcomes.map((o) => [o, result.outcomes.get(o)!])),
    witnesses,
  };
  if (result.breached) {
    // Its own trace: the class's minimal witness may be a racy execution, which proves nothing here.
    const breach = found(paths, BREACH);
    const what = target.contract === 'always' ? 'an execution' : 'a race-free execution';
    report.breaches = [`${what} ended ${breach.outcome}: see ${save(breach)}`];
  }
  return { report, traces };
}

function found(paths: ReadonlyMap<string, WitnessPath>, wanted: string): WitnessPath {
  const path = paths.get(wanted);
  // The explorer reached this class, so the witness search over the same graph must reach it too.
  if (!path) throw new Error(`the witness search found no ${wanted} execution although the explorer did`);
  return path;
}

/** Code-unit order, as the reports use: not localeCompare, which varies by machine. */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

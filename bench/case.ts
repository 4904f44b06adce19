/**
 * One benchmark case in its own process, so its peak memory is its own: explores, optionally
 * counts the naive interleavings, and prints one JSON line of measured figures on stdout.
 */
import { CONFIGS } from '../spec/config.js';
import { makeTarget } from '../checker/run/targets.js';
import { scenarioCount } from '../checker/explore/alphabet.js';
import { countInterleavings } from '../checker/explore/count.js';
import { type BoundTier, contextBound } from '../checker/explore/bound.js';
import { explore, type ExploreResult } from '../checker/explore/search.js';
import { exploreParallel } from '../checker/explore/parallel.js';
import { type CheckOptions, parseCheckArgs, searchArgs } from '../checker/cli/options.js';

export interface BenchCase {
  name: string;
  /** A target name of checker/run/targets.ts; hmap when absent. */
  target?: string;
  depth: number;
  goroutines: number;
  keys: number;
  config: string;
  preemptions?: number;
  /** With preemptions: grades for shorter executions (checker/explore/bound.ts). */
  tiers?: readonly BoundTier[];
  /** Count the interleavings a naive enumeration would run (a second, memoised pass). */
  countNaive: boolean;
  /** Worker threads sharing the search (checker/explore/parallel.ts); one when absent. */
  workers?: number;
  /**
   * Runs the same search at this depth first, untimed, in the same way (one thread or the same
   * workers): what the timed search then leaves out is the process's start-up, the threads'
   * start and V8's first compiles, which every later search of a run (the main job's targets
   * after the first) no longer pays either.
   */
  warmUpDepth?: number;
}

export interface BenchFigures {
  scenarios: number;
  executions: number;
  states: number;
  seconds: number;
  statesPerSecond: number;
  classes: number;
  naiveInterleavings?: string;
  countSeconds?: number;
  /** Peak RSS once the count is done too (its memo is the count's, not the search's). */
  countPeakRssMiB?: number;
  visitedBytes: number;
  /** Peak RSS of the search (taken before the count). */
  peakRssMiB: number;
  /**
   * CPU time (user and system) the process spent during the timed search, every thread
   * included: beside `seconds` it shows how much more work a parallel search does than one thread.
   */
  cpuSeconds: number;
}

async function measure(c: BenchCase): Promise<BenchFigures> {
  const cfg = CONFIGS[c.config];
  if (!cfg) throw new Error(`unknown config ${c.config}`);
  const targetOf = (): ReturnType<typeof makeTarget> => makeTarget(c.target ?? 'hmap', cfg);
  const target = targetOf();
  if (!target) throw new Error(`unknown target ${c.target}`);
  const bounds = { depth: c.depth, goroutines: c.goroutines, keys: c.keys, ...contextBound(c) };
  const search = (depth: number): Promise<ExploreResult> | ExploreResult => ((c.workers ?? 1) > 1
    ? exploreParallel(optionsOf({ ...c, depth }), c.workers!)
    // A target of its own for each search, as each parallel search makes: nothing a warm-up
    // search remembered per target (runs walked once, start edges) is left for the timed one.
    : explore(targetOf()!, { ...bounds, depth, cfg }));
  if (c.warmUpDepth !== undefined) await search(c.warmUpDepth);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const r = await search(c.depth);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const figures: BenchFigures = {
    scenarios: scenarioCount(c.depth, c.goroutines, target.alphabet(c.keys, 1).length),
    executions: r.executions,
    states: r.states,
    seconds,
    statesPerSecond: r.states / seconds,
    classes: r.outcomes.size,
    visitedBytes: r.visitedBytes,
    // maxRSS is in KiB and covers this process's life so far: the peak of this one search.
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  if (c.countNaive) {
    const t = performance.now();
    figures.naiveInterleavings = countInterleavings(target, cfg, bounds).toString();
    figures.countSeconds = (performance.now() - t) / 1000;
    figures.countPeakRssMiB = process.resourceUsage().maxRSS / 1024;
  }
  return figures;
}

const arg = process.argv[2];
if (!arg) {
  process.stderr.write('bench/case.ts: expects one benchmark case as JSON\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await measure(JSON.parse(arg) as BenchCase))}\n`);

/** The case as the CLI's options, which the parallel search's workers are given. */
function optionsOf(c: BenchCase): CheckOptions {
  const p = parseCheckArgs(searchArgs({ ...c, target: c.target ?? 'hmap' }));
  if (!p.ok) throw new Error(p.error);
  return p.options;
}

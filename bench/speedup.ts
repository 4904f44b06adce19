/**
 * The parallel search's speedup, measured so a shared machine's swings show rather than hide:
 * rounds that each run the same work three ways, back to back, every run in its own process:
 * one thread alone, the parallel search on all workers, and two one-thread searches at once.
 * The last is the ceiling the machine allows right now: two searches that share nothing but
 * the cores and the memory bus. A parallel search cannot beat it, so its speedup is printed
 * beside it, round by round and best of the rounds.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchCase, BenchFigures } from './case.js';

const CASE_FILE = fileURLToPath(new URL('./case.ts', import.meta.url));

/**
 * Runs one case in its own process (bench/case.ts), so its peak memory is its own. A parallel
 * case runs with V8's collector on the isolates' own threads, as the gomapcheck command runs
 * (bin/gomapcheck.mjs says why); a one-thread case without it, its best.
 */
export function runCase(c: BenchCase): Promise<BenchFigures> {
  const flags = (c.workers ?? 1) > 1 ? ['--single-threaded-gc'] : [];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...flags, '--import', 'tsx', CASE_FILE, JSON.stringify(c)], { encoding: 'utf8', maxBuffer: 1 << 20 }, (err, out) => {
      if (err) reject(new Error(`bench case ${c.name} failed: ${err.message.split('\n')[0]}`));
      else resolve(JSON.parse(out) as BenchFigures);
    });
  });
}

export interface SpeedupRound {
  alone: number;
  parallel: number;
  /** The slower of the two one-thread searches run at the same time. */
  pairSlower: number;
  /** CPU seconds, all threads, of the one-thread search and of the parallel one. */
  aloneCpu: number;
  parallelCpu: number;
}

/** Speedup of a round: one thread's time over the parallel search's. */
export function speedupOf(r: SpeedupRound): number {
  return r.alone / r.parallel;
}

/**
 * CPU the parallel search spent over what one thread spent on the same work: 1 if splitting
 * the work cost nothing; above it, the work the split added (each thread's own warm-up, states
 * worked out twice), which no number of cores gives back.
 */
export function extraWorkOf(r: SpeedupRound): number {
  return r.parallelCpu / r.aloneCpu;
}

/** Throughput of two independent searches at once over one alone: what the machine allows. */
export function ceilingOf(r: SpeedupRound): number {
  return (2 * r.alone) / r.pairSlower;
}

/**
 * Whether a round's ceiling came out below its speedup. Two one-thread searches at once cannot do
 * worse than one after the other unless something else slowed them: another process on the
 * cores, or the host's speed changing between the round's runs. The round's three runs then
 * ran under different conditions, and its speedup says so as much as it says anything about the
 * search (seen on this project's shared host: 1.99× against a ceiling of 1.74×).
 */
export function contended(r: SpeedupRound): boolean {
  return ceilingOf(r) < speedupOf(r);
}

/**
 * Every run of a round first searches one operation less deep, untimed (BenchCase.warmUpDepth):
 * the speedup of the search itself, not of a process's first seconds. Measured at sync.Map
 * depth 5 in fresh processes: without it one thread 7.93 s, two workers 6.04 s; after a depth-4
 * search 7.20 s and 4.74 s; the third search in one process 7.15-7.47 s and 4.05-4.26 s (a new
 * thread's start, and the second isolate's compiles, land in the parallel run's first seconds).
 */
export async function measureSpeedup(base: BenchCase, workers: number, rounds: number, say: (line: string) => void): Promise<SpeedupRound[]> {
  const c: BenchCase = { ...base, ...(base.depth > 1 ? { warmUpDepth: base.depth - 1 } : {}) };
  const out: SpeedupRound[] = [];
  for (let i = 0; i < rounds; i++) {
    const alone = await runCase({ ...c, workers: 1 });
    const parallel = await runCase({ ...c, workers });
    const pair = await Promise.all([runCase({ ...c, workers: 1 }), runCase({ ...c, workers: 1 })]);
    if (parallel.states !== alone.states || pair.some((p) => p.states !== alone.states)) {
      throw new Error(`the runs disagree on the states stored (${alone.states}, ${parallel.states}, ${pair.map((p) => p.states).join(', ')})`);
    }
    const round: SpeedupRound = {
      alone: alone.seconds, parallel: parallel.seconds, pairSlower: Math.max(...pair.map((p) => p.seconds)),
      aloneCpu: alone.cpuSeconds, parallelCpu: parallel.cpuSeconds,
    };
    out.push(round);
    say(`  round ${i + 1}: one thread ${round.alone.toFixed(2)} s, ${workers} workers ${round.parallel.toFixed(2)} s (${speedupOf(round).toFixed(2)}×), two one-thread searches at once ${pair.map((p) => p.seconds.toFixed(2)).join(' s and ')} s (ceiling ${ceilingOf(round).toFixed(2)}×); `
      + `CPU ${round.parallelCpu.toFixed(2)} s on ${workers} workers against ${round.aloneCpu.toFixed(2)} s on one (${extraWorkOf(round).toFixed(2)}×)`
      + (contended(round) ? '; the ceiling is below the speedup: the host\'s load changed within this round' : ''));
  }
  return out;
}

/**
 * `npm run bench`: runs each case in a child process and prints the measured figures.
 * Defaults cover what finishes on a 2-core machine: the exhaustive hmap check at depth 2 (and
 * depth 3 with one key), and a context-bounded run at depth 6, each with the naive interleaving
 * count beside it (for the bounded run, of the schedules within its bound), the safe targets, the parallel speedup, the optimality ratio of the partial-order
 * reduction (bench/optimality.ts) and the SPIN comparison (bench/spin), then the real
 * implementation's figures (impl/bench). `--depth N [--keys K]
 * [--preemptions P]` runs one case of your choosing instead; `--impl` runs only impl/bench;
 * `--speedup-depth N` measures the speedup at depth N instead of 6.
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { contextBound, tiersText } from '../checker/explore/bound.js';
import { parseCheckArgs } from '../checker/cli/options.js';
import { ALL_TARGETS } from '../checker/cli/targets.js';
import { formatCount, plural } from '../checker/report/numbers.js';
import type { BenchCase } from './case.js';
import { median } from './spin/ours.js';
import { ceilingOf, contended, extraWorkOf, measureSpeedup, runCase, type SpeedupRound, speedupOf } from './speedup.js';

const DEFAULT_CASES: BenchCase[] = [
  { name: 'hmap exhaustive', depth: 2, goroutines: 2, keys: 2, config: 'small', countNaive: true },
  { name: 'hmap exhaustive', depth: 3, goroutines: 2, keys: 1, config: 'small', countNaive: true },
  // The main job's hmap: its automatic bound (checker/run/auto-bound.ts).
  { name: 'hmap bounded', depth: 6, goroutines: 2, keys: 2, config: 'small', preemptions: 1, tiers: [{ ops: 2 }, { ops: 3, preemptions: 2 }], countNaive: true },
  // The safe targets at depth 4 (depth 6 takes minutes each; figures in docs/performance.md).
  ...['syncmap', 'rwmutex-map', 'mutex-map', 'sharded-map'].map((target): BenchCase => (
    { name: `${target} exhaustive`, target, depth: 4, goroutines: 2, keys: 2, config: 'small', countNaive: false })),
];

/**
 * The parallel speedup's work (bench/speedup.ts), measured in interleaved rounds: the main job's
 * sync.Map search. Depth 5 was the default while it kept the bench short; since sync.Map's
 * search keeps classes (checker/explore/classes.ts), a third of a depth-5 search is working out
 * class moves and monitor steps that each participant keeps for itself, so there the speedup
 * measures that start more than the search the main job's user waits for (docs/performance.md,
 * twelfth session).
 */
const SPEEDUP_CASE: BenchCase = { name: 'syncmap exhaustive', target: 'syncmap', depth: 6, goroutines: 2, keys: 2, config: 'small', countNaive: false };
const SPEEDUP_ROUNDS = 3;

/**
 * The flags a case of the user's shares with `gomapcheck`'s check, in the bench's words: listed
 * once, they become the bench's options and are forwarded to the check's parser by their names,
 * so a flag added here needs nothing else.
 */
const CASE_OPTIONS: ReadonlyArray<readonly [flags: string, description: string]> = [
  ['--depth <n>', 'run one case of your own at this depth instead of the default ones'],
  ['--target <name>', 'with --depth: the target (default hmap)'],
  ['--keys <k>', 'with --depth: keys (default 2)'],
  ['--goroutines <g>', 'with --depth: goroutines (default 2)'],
  ['--preemptions <p>', 'with --depth: a context bound'],
  ['--tiers <list>', 'with --depth and --preemptions: bounds for shorter executions, e.g. 2,3:2'],
  ['--config <name>', 'with --depth: small or go (default small)'],
  ['--workers <w>', 'with --depth: threads sharing the search (default 1)'],
];

/** The bench's flags, with the words `npm run bench -- --help` shows. */
function benchProgram(): Command {
  const program = new Command('npm run bench --').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} })
    .usage('[options]')
    .description('Measures the checker: the default cases, the parallel speedup, the optimality of the partial-order '
      + 'reduction, the SPIN comparison and the real implementation; or one case of your own with --depth.');
  for (const [flags, description] of CASE_OPTIONS) program.option(flags, description);
  return program
    .option('--naive', 'with --depth: also count the naive interleavings')
    .option('--speedup-depth <n>', 'measure the speedup at this depth (default 6)')
    .option('--impl', "only the real implementation's figures")
    .option('--vs-spin', 'only the SPIN comparison (its own flags: --goroutines N --writes K)')
    .helpOption('-h, --help', 'show this help');
}

/** The check's command line for the case flags given: each as the user wrote it, by its long name. */
function caseArgs(program: Command): string[] {
  const shared = new Set(CASE_OPTIONS.map(([flags]) => flags));
  return program.options.filter((o) => shared.has(o.flags)).flatMap((o) => {
    const value: unknown = program.getOptionValue(o.attributeName());
    return typeof value === 'string' ? [o.long!, value] : [];
  });
}

/**
 * The cases to run, and the depth of the speedup case (`--speedup-depth`: the default depth 6 is
 * the main job's, about two and a half minutes a round here; 5 keeps the bench short).
 */
function parseCases(argv: string[]): { cases: BenchCase[]; speedupDepth: number } {
  const program = benchProgram();
  program.parse(argv, { from: 'user' });
  const o = program.opts<Record<string, string | boolean | undefined>>();
  const num = (name: string, fallback: number): number => {
    const v = o[name];
    if (v === undefined) return fallback;
    const flag = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (typeof v !== 'string' || !/^[0-9]+$/.test(v)) throw new Error(`--${flag} must be a whole number (got "${String(v)}")`);
    return Number(v);
  };
  const speedupDepth = num('speedupDepth', SPEEDUP_CASE.depth);
  if (speedupDepth < 1) throw new Error('--speedup-depth must be at least 1');
  if (o['depth'] === undefined) return { cases: DEFAULT_CASES, speedupDepth };
  // One case of the user's: its flags are the check's own, so they are checked as `gomapcheck`
  // checks them (names, ranges, bounds, keys against the config), in the check's words.
  const checkArgv = caseArgs(program);
  const parsed = parseCheckArgs(o['target'] === undefined ? [...checkArgv, '--target', 'hmap'] : checkArgv);
  if (!parsed.ok) throw new Error(parsed.error.replace(/^gomapcheck: /, ''));
  const p = parsed.options;
  if (p.target === ALL_TARGETS) throw new Error('--target all: a bench case is one target; name it');
  return {
    cases: [{
      name: `${p.target} ${p.preemptions === undefined ? 'exhaustive' : 'bounded'}`, target: p.target,
      depth: p.depth, goroutines: p.goroutines, keys: p.keys, config: p.config,
      ...contextBound(p), countNaive: o['naive'] === true,
      ...(p.workers === undefined ? {} : { workers: p.workers }),
    }],
    speedupDepth,
  };
}

const count = formatCount;

/** A case's context bound, short: '≤1 preemption', and its tiers as --tiers writes them. */
function boundShort(c: BenchCase): string {
  const tiers = c.tiers === undefined ? '' : ` (--tiers ${tiersText(c.tiers)})`;
  return `≤${plural(c.preemptions!, 'preemption')}${tiers}`;
}

function describeCase(c: BenchCase): string {
  const bound = c.preemptions === undefined ? '' : `, ${boundShort(c)}`;
  const threads = (c.workers ?? 1) > 1 ? `, ${c.workers} workers` : '';
  return `${c.name}: depth ${c.depth}, ${plural(c.goroutines, 'goroutine')}, ${plural(c.keys, 'key')}, config ${c.config}${bound}${threads}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--vs-spin')) {
    // The SPIN comparison has its own flags (--goroutines N --writes K); it runs as its own script.
    const script = fileURLToPath(new URL('./spin/run.ts', import.meta.url));
    const rest = argv.filter((a) => a !== '--vs-spin');
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...rest], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(benchProgram().helpInformation());
    process.exit(0);
  }
  const implOnly = argv.includes('--impl');
  let cases: BenchCase[];
  let speedupDepth: number;
  try {
    const parsed = parseCases(argv);
    cases = implOnly ? [] : parsed.cases;
    speedupDepth = parsed.speedupDepth;
  } catch (e) {
    const message = e instanceof CommanderError ? e.message.split('\n')[0]!.replace(/^error: /, '') : (e as Error).message;
    process.stderr.write(`bench: ${message}\n`);
    process.exit(2);
  }
  process.stdout.write(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
  for (const c of cases) {
    process.stdout.write(`\n${describeCase(c)}\n`);
    const f = await runCase(c);
    const rows: Array<[string, string]> = [
      ['scenarios', count(f.scenarios)],
      ['executions (distinct end states)', count(f.executions)],
      ['states stored', count(f.states)],
      ['outcome classes reached', String(f.classes)],
      ['time (s)', f.seconds.toFixed(2)],
      ['states/s', count(f.statesPerSecond)],
      ...(f.naiveInterleavings === undefined ? [] : [
        [c.preemptions === undefined ? 'naive interleavings' : `naive interleavings, ${boundShort(c)}`, count(BigInt(f.naiveInterleavings))] as [string, string],
        ['  (counting them took, s)', (f.countSeconds ?? 0).toFixed(2)] as [string, string],
      ]),
      ['visited set (MiB)', (f.visitedBytes / 2 ** 20).toFixed(1)],
      ['peak memory, RSS (MiB)', f.peakRssMiB.toFixed(0)],
      ...(f.countPeakRssMiB === undefined ? [] : [['  (with the count, MiB)', f.countPeakRssMiB.toFixed(0)] as [string, string]]),
    ];
    for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(34)}${v.padStart(18)}\n`);
  }
  if (!implOnly && !argv.includes('--depth')) {
    await printSpeedup({ ...SPEEDUP_CASE, depth: speedupDepth });
    // The optimality ratio and the SPIN comparison (which says in one line when spin is missing).
    for (const script of ['./optimality.ts', './spin/run.ts']) {
      process.stdout.write('\n');
      spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
    }
  }
  // The real implementation's figures come with the default run, or alone with --impl.
  if (implOnly || !argv.includes('--depth')) runImplBenchmarks();
}

/** impl/bench's three measurements, each in its own process so one's threads do not slow another. */
function runImplBenchmarks(): void {
  const scripts: Array<[string, string]> = [
    ['controlled steps against the raw Atomics hand-off', 'handoff.ts'],
    ['cost of the scheduling hooks in free mode', 'hook-overhead.ts'],
    ['throughput, 2 workers, against a Map behind postMessage', 'throughput.ts'],
  ];
  for (const [title, file] of scripts) {
    process.stdout.write(`\nimpl: ${title}\n`);
    const script = fileURLToPath(new URL(`../impl/bench/${file}`, import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

/** The speedup of the search on every core, against the ceiling two independent searches reach. */
async function printSpeedup(c: BenchCase): Promise<void> {
  const workers = Math.max(2, cpus().length);
  process.stdout.write(`\nspeedup of the search on ${workers} workers (${c.target}, depth ${c.depth}), ${SPEEDUP_ROUNDS} interleaved rounds, each run after an untimed search at depth ${c.depth - 1}\n`);
  const rounds = await measureSpeedup(c, workers, SPEEDUP_ROUNDS, (line) => process.stdout.write(`${line}\n`));
  const best = (f: (r: SpeedupRound) => number): number => Math.min(...rounds.map(f));
  const bestSpeedup = best((r) => r.alone) / best((r) => r.parallel);
  const bestCeiling = (2 * best((r) => r.alone)) / best((r) => r.pairSlower);
  process.stdout.write(`  best of the rounds: ${bestSpeedup.toFixed(2)}× (one thread ${best((r) => r.alone).toFixed(2)} s, ${workers} workers ${best((r) => r.parallel).toFixed(2)} s); `
    + `two independent searches reach ${bestCeiling.toFixed(2)}×; rounds' median speedup ${median(rounds.map(speedupOf)).toFixed(2)}×, ceiling ${median(rounds.map(ceilingOf)).toFixed(2)}×, `
    + `the parallel search's CPU over one thread's ${median(rounds.map(extraWorkOf)).toFixed(2)}×\n`);
  const unsteady = rounds.filter(contended).length;
  if (unsteady > 0) process.stdout.write(`  in ${unsteady} of ${plural(rounds.length, 'round')} the ceiling fell below the speedup: the host was busy with something else meanwhile, so read these figures with care\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exit(1);
});

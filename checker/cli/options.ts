/**
 * The command line of `gomapcheck`: commander reads the flags, then every value is checked here
 * so that a user's mistake becomes ONE line saying what to do (STYLE.md lesson 9), returned as a
 * result rather than printed: printing and exiting belong to the caller (checker/cli/errors.ts).
 */
import { boundFromFlags, type BoundTier, MAX_PREEMPTIONS, tiersText } from '../explore/bound.js';
import { Command, CommanderError } from 'commander';
import { CONFIGS, DEFAULT_CONFIG } from '../../spec/config.js';
import { errorLine } from './errors.js';
import { runConflict } from './runs.js';
import { ALL_TARGETS, KNOWN_TARGETS, POR_TARGETS } from './targets.js';

export interface CheckOptions {
  /** Most operations in a scenario, summed over all goroutines. */
  depth: number;
  /** Goroutines running concurrently (1..MAX_GOROUTINES). */
  goroutines: number;
  /** Distinct keys the operations use; at most the chosen config's hash table length. */
  keys: number;
  /** One of KNOWN_TARGETS. */
  target: string;
  /** A key of CONFIGS (the name, not the object, so it can go into reports and traces as is). */
  config: string;
  /** Print one JSON object (checker/report/json.ts) instead of the human summary. */
  json: boolean;
  /** A trace file to replay instead of exploring. */
  replay?: string;
  /** Directory the witness traces are written to. */
  traces: string;
  /** False under --no-write: find witnesses but write no files. */
  write: boolean;
  /** --help was given: print helpText() and exit 0; the other fields are then the defaults. */
  help: boolean;
  /** --preemptions P: a context bound; the run is then reported as bounded, not exhaustive. */
  preemptions?: number;
  /**
   * --tiers, with a context bound: grades for shorter executions, e.g. those of at most 2
   * operations in full (checker/explore/bound.ts; hmap's automatic bound sets them too).
   */
  tiers?: readonly BoundTier[];
  /** --report FILE: also write the self-contained HTML report there. */
  report?: string;
  /** --por: dynamic partial-order reduction on the targets that support it (hmap). */
  por: boolean;
  /** --exhaustive: explore hmap in full even past its reach, instead of the automatic context bound. */
  exhaustive: boolean;
  /** --workers W for a check: threads sharing the search (undefined: one per core from PARALLEL_FROM_DEPTH on). */
  workers?: number;
  /** --shard i/n: explore only slice i (1-based) of n and print a partial report for `gomapcheck merge`. */
  shard?: { index: number; count: number };
  /** --shards S: the sharded map's shard count (its default, 2, when absent). */
  shards?: number;
  /** --mutants: run the sync.Map mutation self-test instead of checking targets. */
  mutants: boolean;
  /** --conformance: run the committed traces on the real implementation (impl/) instead. */
  conformance: boolean;
  /**
   * --conformance --sample N: N seeded random schedules per conforming target instead of the
   * committed traces, of scenarios with at most `depth` operations (--depth, else SAMPLE_DEPTH).
   */
  sample?: { n: number; seed: number; depth: number };
  /**
   * --conformance --depth N (without --sample): every schedule of every scenario up to depth N
   * (one per end state of the search) per conforming target, instead of the committed traces.
   */
  everySchedule?: { depth: number };
  /** --stress: free-running workers on the real implementation; the raw values, checked by runStress. */
  stress?: { ops?: string; workers?: string; seed?: string; mix?: string; keys?: string };
}

export type ParseResult = { ok: true; options: CheckOptions } | { ok: false; error: string };

/** The state space grows factorially with goroutines; past 4 no bound we ship finishes. */
export const MAX_GOROUTINES = 4;
/** Every shard adds a lock and a map to each state; beyond 4 no bound this checker reaches shows more. */
export const MAX_SHARDS = 4;
/** Threads a check may use; more than the machine's cores only adds switching. */
export const MAX_WORKERS = 64;
/** Below this depth a check runs on one thread: starting workers costs more than the search. */
export const PARALLEL_FROM_DEPTH = 4;
/**
 * --sample's scenario size unless --depth says otherwise: each schedule runs on fresh worker
 * threads (about half a second), so small scenarios let many schedules run; 4 operations already
 * overlap in every way two goroutines can.
 */
export const SAMPLE_DEPTH = 4;
/** --sample's seed unless --seed says otherwise. */
export const SAMPLE_SEED = 1;
/** Slices of the scenario space: states entering the second layer of operations are dealt out by key, and there are hundreds. */
export const MAX_SHARD_COUNT = 64;

const DEFAULTS: CheckOptions = {
  depth: 6,
  goroutines: 2,
  keys: 2,
  target: ALL_TARGETS,
  config: DEFAULT_CONFIG,
  json: false,
  traces: 'traces',
  write: true,
  help: false,
  mutants: false,
  conformance: false,
  por: false,
  exhaustive: false,
};

/**
 * Descriptions of the options `gomapcheck merge` shares with the check: one wording, so the two
 * --help texts cannot drift apart (checker/cli/shard-commands.ts).
 */
export const JSON_DESCRIPTION = 'print one JSON object instead of the human summary';
export const TRACES_DESCRIPTION = `where witness traces are written (default ${DEFAULTS.traces})`;
export const NO_WRITE_DESCRIPTION = 'do not write witness trace files';
export const HELP_DESCRIPTION = 'show this help';

/** Raw option values as commander hands them over: strings, checked by parseCheckArgs. */
interface RawOptions {
  depth?: string;
  goroutines?: string;
  keys?: string;
  target?: string;
  config?: string;
  json?: boolean;
  replay?: string;
  traces?: string;
  write: boolean;
  help?: boolean;
  preemptions?: string;
  tiers?: string;
  por?: boolean;
  exhaustive?: boolean;
  shard?: string;
  shards?: string;
  report?: string;
  mutants?: boolean;
  conformance?: boolean;
  sample?: string;
  stress?: boolean;
  ops?: string;
  workers?: string;
  seed?: string;
  mix?: string;
}

/**
 * A fresh program per call: commander keeps parsed values on the Command, so reusing one would
 * leak options from one parse into the next (tests parse many times in one process).
 */
function buildProgram(): Command {
  return (
    new Command('gomapcheck')
      .description("Exhaustive interleaving model checker for Go 1.19's runtime map")
      // Never exit or print from inside the parser: errors come back as values.
      .exitOverride()
      .configureOutput({ writeErr: () => {}, writeOut: () => {} })
      // Our own --help option, so that help is a parsed flag rather than an exit.
      .helpOption(false)
      .option('--depth <n>', `most operations per scenario, all goroutines together (default ${DEFAULTS.depth})`)
      .option('--goroutines <g>', `concurrent goroutines, 1 to ${MAX_GOROUTINES} (default ${DEFAULTS.goroutines})`)
      .option('--keys <k>', `distinct keys used by the operations (default ${DEFAULTS.keys})`)
      .option('--target <name>', `what to check: ${[...KNOWN_TARGETS, ALL_TARGETS].join(', ')} (default ${DEFAULTS.target})`)
      .option('--config <name>', `map constants and hashes: ${Object.keys(CONFIGS).join(', ')} (default ${DEFAULTS.config})`)
      .option('--preemptions <p>', 'explore only executions with at most p preemptions (bounded, not exhaustive)')
      .option('--tiers <list>', 'with --preemptions: bounds for shorter executions, e.g. 2,3:2 = up to 2 operations in full, up to 3 with at most 2 preemptions')
      .option('--exhaustive', 'explore hmap in full even past the bounds it finishes in (by default it is then checked with 1 preemption)')
      .option('--shard <i/n>', 'explore slice i of n only and print its partial report (JSON) for `gomapcheck merge <files>`')
      .option('--shards <s>', `with sharded-map: shards, 1 to ${MAX_SHARDS} (default 2)`)
      .option('--por', 'dynamic partial-order reduction (hmap and the locked maps): fewer states, same outcomes; see docs/performance.md')
      .option('--json', JSON_DESCRIPTION)
      .option('--report <file>', 'also write a self-contained HTML report (summary, diagrams, step-through)')
      .option('--replay <file>', 'replay a saved trace instead of exploring')
      .option('--mutants', 'mutation self-test: check each sync.Map mutant up to --depth; exit 1 if one survives')
      .option('--conformance', 'run every committed trace of a target with a real implementation (impl/) on worker threads, step by step; with --depth n, every schedule up to depth n instead')
      .option('--sample <n>', `with --conformance: instead of the committed traces, n seeded random schedules per target, of at most --depth operations (default ${SAMPLE_DEPTH})`)
      .option('--stress', 'run free worker threads on the real implementation (--target hmap, mutex-map, rwmutex-map, sharded-map or syncmap) with a random op mix and check every round')
      .option('--ops <n>', 'with --stress: operations in total (default 100000)')
      .option('--workers <w>', `worker threads: with --stress (default 2), or to split a check's search (default: one per core from depth ${PARALLEL_FROM_DEPTH} on or with --exhaustive past hmap's reach, else 1)`)
      .option('--seed <s>', `with --stress: seed of the op mix; with --sample: seed of the schedules (default ${SAMPLE_SEED})`)
      .option('--mix <name>', 'with --stress: balanced or read-mostly (default balanced)')
      .option('--traces <dir>', TRACES_DESCRIPTION)
      .option('--no-write', NO_WRITE_DESCRIPTION)
      .option('-h, --help', HELP_DESCRIPTION)
  );
}

export function helpText(): string {
  return buildProgram().helpInformation();
}

/** What shapes a search, as the fields a shard's report or a benchmark case records it. */
export interface SearchFields {
  target: string;
  depth: number;
  goroutines: number;
  keys: number;
  config: string;
  preemptions?: number;
  tiers?: readonly BoundTier[];
  exhaustive?: boolean;
  shards?: number;
}

/** The command-line flags that ask for the search `r` describes, to parse back into CheckOptions. */
export function searchArgs(r: SearchFields): string[] {
  return [
    '--target', r.target, '--depth', String(r.depth), '--goroutines', String(r.goroutines), '--keys', String(r.keys), '--config', r.config,
    ...(r.preemptions === undefined ? [] : ['--preemptions', String(r.preemptions)]),
    ...(r.tiers === undefined ? [] : ['--tiers', tiersText(r.tiers)]),
    ...(r.exhaustive ? ['--exhaustive'] : []), ...(r.shards === undefined ? [] : ['--shards', String(r.shards)]),
  ];
}

/** Parses the user's arguments only, i.e. process.argv.slice(2). */
export function parseCheckArgs(argv: string[]): ParseResult {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return { ok: false, error: errorLine(commanderMessage(e, program.args)) };
    throw e;
  }
  const raw = program.opts<RawOptions>();
  if (raw.help) return { ok: true, options: { ...DEFAULTS, help: true } };
  const given = new Set(program.options.map((o) => o.attributeName()).filter((name) => program.getOptionValueSource(name) === 'cli'));
  return checkValues(raw, given);
}

/** `given`: the flags on the command line (commander's attribute names), for what the chosen run does not read. */
function checkValues(raw: RawOptions, given: ReadonlySet<string>): ParseResult {
  const fail = (error: string): ParseResult => ({ ok: false, error: errorLine(error) });

  const depth = wholeNumber(raw.depth, DEFAULTS.depth, 1, Infinity);
  if (depth === undefined) return fail(`--depth must be a whole number ≥ 1 (got "${raw.depth}")`);
  const goroutines = wholeNumber(raw.goroutines, DEFAULTS.goroutines, 1, MAX_GOROUTINES);
  if (goroutines === undefined) {
    return fail(`--goroutines must be a whole number from 1 to ${MAX_GOROUTINES} (got "${raw.goroutines}")`);
  }
  const keys = wholeNumber(raw.keys, DEFAULTS.keys, 1, Infinity);
  if (keys === undefined) return fail(`--keys must be a whole number ≥ 1 (got "${raw.keys}")`);

  const target = raw.target ?? DEFAULTS.target;
  if (target !== ALL_TARGETS && !KNOWN_TARGETS.includes(target)) {
    return fail(`unknown target "${target}" (known: ${[...KNOWN_TARGETS, ALL_TARGETS].join(', ')})`);
  }
  const config = raw.config ?? DEFAULTS.config;
  // Own-property check: 'toString' and friends are not configurations.
  const mapConfig = Object.hasOwn(CONFIGS, config) ? CONFIGS[config] : undefined;
  if (mapConfig === undefined) {
    return fail(`unknown config "${config}" (known: ${Object.keys(CONFIGS).join(', ')})`);
  }
  // Each key needs its own entry in the config's hash table; there is no hash function to fall back on.
  const hashes = mapConfig.hashes.length;
  if (keys > hashes) {
    return fail(`--keys ${keys} is more than config "${config}" has hashes for (it has ${hashes}); use --keys ${hashes} or fewer`);
  }

  const traces = raw.traces ?? DEFAULTS.traces;
  if (traces === '') return fail('--traces needs a directory name (default "traces")');
  if (raw.replay === '') return fail('--replay needs a trace file name');

  const options: CheckOptions = {
    depth,
    goroutines,
    keys,
    target,
    config,
    json: raw.json ?? false,
    traces,
    write: raw.write,
    help: false,
    mutants: raw.mutants ?? false,
    conformance: raw.conformance ?? false,
    por: raw.por ?? false,
    exhaustive: raw.exhaustive ?? false,
  };
  if (raw.replay !== undefined) options.replay = raw.replay;
  if (raw.stress) {
    options.stress = {};
    for (const k of ['ops', 'workers', 'seed', 'mix', 'keys'] as const) if (raw[k] !== undefined) options.stress[k] = raw[k];
  } else if (raw.ops !== undefined || raw.mix !== undefined) {
    return fail('--ops and --mix belong to --stress (add --stress)');
  } else if (raw.seed !== undefined && raw.sample === undefined) {
    return fail('--seed belongs to --stress or to --conformance --sample (add one of them)');
  }
  if (raw.sample !== undefined) {
    const sample = sampleOptions(raw, options);
    if (typeof sample === 'string') return fail(sample);
    options.sample = sample;
  } else if (options.conformance && raw.depth !== undefined) {
    // Only an explicit --depth: plain --conformance keeps running the committed traces.
    options.everySchedule = { depth };
  }
  if (raw.report === '') return fail('--report needs a file name, e.g. --report report.html');
  if (raw.report !== undefined) options.report = raw.report;
  if (raw.preemptions !== undefined) {
    const p = wholeNumber(raw.preemptions, 0, 0, MAX_PREEMPTIONS);
    if (p === undefined) return fail(`--preemptions must be a whole number from 0 to ${MAX_PREEMPTIONS} (got "${raw.preemptions}")`);
    options.preemptions = p;
  }
  if (raw.tiers !== undefined) {
    const bound = boundFromFlags(options.preemptions, raw.tiers, options.depth);
    if (typeof bound === 'string') return fail(bound);
    if (bound.tiers !== undefined) options.tiers = bound.tiers;
  }
  if (raw.shards !== undefined) {
    const s = wholeNumber(raw.shards, 0, 1, MAX_SHARDS);
    if (s === undefined) return fail(`--shards must be a whole number from 1 to ${MAX_SHARDS} (got "${raw.shards}")`);
    if (options.target !== ALL_TARGETS && options.target !== 'sharded-map') return fail(`--shards applies to sharded-map only, not ${options.target}`);
    options.shards = s;
  }
  if (raw.shard !== undefined) {
    const m = /^([0-9]+)\/([0-9]+)$/.exec(raw.shard);
    const index = m ? Number(m[1]) : 0;
    const count = m ? Number(m[2]) : 0;
    if (!m || index < 1 || index > count || count > MAX_SHARD_COUNT) return fail(`--shard must be i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARD_COUNT}, e.g. 2/4 (got "${raw.shard}")`);
    if (options.por || options.report !== undefined || options.json) return fail('--shard prints its partial report as JSON and combines with neither --por, --report nor --json');
    options.shard = { index, count };
  }
  if (!raw.stress && raw.workers !== undefined) {
    const w = wholeNumber(raw.workers, 0, 1, MAX_WORKERS);
    if (w === undefined) return fail(`--workers must be a whole number from 1 to ${MAX_WORKERS} (got "${raw.workers}")`);
    if (w > 1 && (options.por || options.shard)) return fail('--workers splits the plain search; it combines with neither --por nor --shard');
    options.workers = w;
  }
  if (options.exhaustive && options.preemptions !== undefined) return fail('--exhaustive and --preemptions contradict each other: choose one');
  if (options.por && options.preemptions !== undefined) return fail('--por and --preemptions do not combine: a bounded run explores every successor within its bound');
  if (options.por && options.target !== ALL_TARGETS && !POR_TARGETS.includes(options.target)) {
    return fail(`--por supports ${POR_TARGETS.join(', ')} only, not ${options.target}`);
  }
  const conflict = runConflict(given, options.target);
  if (conflict !== undefined) return fail(conflict);
  return { ok: true, options };
}

/** --sample's settings, or what is wrong with them. */
function sampleOptions(raw: RawOptions, options: CheckOptions): NonNullable<CheckOptions['sample']> | string {
  if (!options.conformance) return '--sample belongs to --conformance (add --conformance)';
  const n = wholeNumber(raw.sample, 0, 1, Infinity);
  if (n === undefined) return `--sample must be a whole number ≥ 1 (got "${raw.sample}")`;
  // The seed of a 32-bit generator (checker/conformance/sample.ts): larger ones would alias smaller.
  const seed = wholeNumber(raw.seed, SAMPLE_SEED, 0, 0xffffffff);
  if (seed === undefined) return `--seed must be a whole number from 0 to ${0xffffffff} (got "${raw.seed}")`;
  return { n, seed, depth: raw.depth === undefined ? SAMPLE_DEPTH : options.depth };
}

/**
 * The value, the default when absent, or undefined when it is not a whole number in [min, max].
 * Number() alone would accept '2.5', '1e3', '0x10' and ' 3 ', none of which a user means.
 */
export function wholeNumber(text: string | undefined, fallback: number, min: number, max: number): number | undefined {
  if (text === undefined) return fallback;
  if (!/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

/** Commander's multi-line messages ("error: ...\n(Did you mean ...?)") as one line of ours. */
function commanderMessage(e: CommanderError, operands: readonly string[]): string {
  const quoted = /'([^']*)'/.exec(e.message)?.[1];
  switch (e.code) {
    case 'commander.unknownOption': {
      const suggestion = /Did you mean (\S+?)\?/.exec(e.message)?.[1];
      return suggestion !== undefined
        ? `unknown option ${quoted} (did you mean ${suggestion}? see --help)`
        : `unknown option ${quoted} (see --help)`;
    }
    case 'commander.optionMissingArgument':
      // quoted is the flag with its placeholder, e.g. '--depth <n>'.
      return `option ${quoted?.split(' ')[0]} needs a value (see --help)`;
    case 'commander.excessArguments':
      // Typically a value whose flag was mistyped or forgotten, e.g. `gomapcheck 6`.
      return `unexpected argument "${operands[0]}" (every setting is a --flag; see --help)`;
    default: {
      const firstLine = e.message.split('\n')[0] ?? e.message;
      return `${firstLine.replace(/^error: /, '')} (see --help)`;
    }
  }
}

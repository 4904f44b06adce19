/**
 * Which run a command line asks for, and which of its flags that run reads. A flag the chosen run
 * never reads is refused in one line rather than ignored: `--replay t.json --stress` used to
 * replay and say nothing of the stress test the user asked for, and `--mutants --target hmap`
 * checked sync.Map's mutants as if the target had been left out.
 */

/** The runs besides the default check; a command line asks for at most one of them. */
const RUN_FLAGS = ['replay', 'conformance', 'stress', 'mutants', 'shard'] as const;

/** Plain --conformance runs the committed traces; with --depth every schedule, with --sample random ones. */
type Run = Exclude<(typeof RUN_FLAGS)[number], 'conformance'> | 'check' | 'conformance' | 'conformance --depth' | 'conformance --sample';

/** The flags each run reads, exported for tests (commander's attribute names: `write` is `--no-write`). */
export const RUN_READS: Readonly<Record<Run, readonly string[]>> = {
  check: ['depth', 'goroutines', 'keys', 'target', 'config', 'preemptions', 'tiers', 'exhaustive', 'shards', 'por', 'json', 'report', 'workers', 'traces', 'write'],
  shard: ['depth', 'goroutines', 'keys', 'target', 'config', 'preemptions', 'tiers', 'exhaustive', 'shards', 'workers'],
  replay: [],
  mutants: ['depth', 'goroutines', 'keys', 'target', 'config', 'json', 'traces', 'write'],
  conformance: ['target', 'json', 'traces', 'write'],
  'conformance --depth': ['depth', 'goroutines', 'keys', 'target', 'config', 'preemptions', 'tiers', 'shards', 'json', 'write'],
  'conformance --sample': ['sample', 'seed', 'depth', 'goroutines', 'keys', 'target', 'config', 'shards', 'json', 'write'],
  stress: ['target', 'config', 'keys', 'shards', 'ops', 'workers', 'seed', 'mix', 'json'],
};

/** Why a run does not read a flag, where a hint helps more than "see --help": for every flag, or for the ones listed. */
const HINTS: Partial<Record<Run, { text: string; flags?: readonly string[] }>> = {
  replay: { text: 'a trace carries its own target, configuration and schedule' },
  shard: { text: 'a shard prints only its partial report; give --traces, --no-write, --json or --report to gomapcheck merge' },
  conformance: { text: 'the committed traces fix their own; --depth or --sample explores schedules instead', flags: ['goroutines', 'keys', 'config', 'preemptions', 'tiers', 'shards'] },
  'conformance --depth': { text: 'it checks schedules, not the traces under --traces', flags: ['traces'] },
};

/**
 * The error for a command line whose flags do not go together, or undefined when they do.
 * `given` holds the flags the user wrote (commander's attribute names).
 */
export function runConflict(given: ReadonlySet<string>, target: string): string | undefined {
  const runs = RUN_FLAGS.filter((r) => given.has(r));
  if (runs.length > 1) return `--${runs[0]} and --${runs[1]} ask for different runs: give one of them`;
  const run = runOf(runs[0], given);
  for (const flag of given) {
    if (flag === runs[0] || RUN_READS[run].includes(flag)) continue;
    const hint = HINTS[run];
    const why = hint && (hint.flags === undefined || hint.flags.includes(flag)) ? hint.text : 'see --help';
    return `${flagName(flag)} does not apply to ${run === 'check' ? 'a check' : `--${run}`} (${why})`;
  }
  if (run === 'mutants' && target !== 'all' && target !== 'syncmap') return `--mutants checks sync.Map's mutants: give --target syncmap or none, not ${target}`;
  return undefined;
}

function runOf(flag: (typeof RUN_FLAGS)[number] | undefined, given: ReadonlySet<string>): Run {
  if (flag === undefined) return 'check';
  if (flag !== 'conformance') return flag;
  if (given.has('sample')) return 'conformance --sample';
  return given.has('depth') ? 'conformance --depth' : 'conformance';
}

function flagName(attribute: string): string {
  return attribute === 'write' ? '--no-write' : `--${attribute}`;
}

import { describe, expect, it } from 'vitest';
import { helpText, parseCheckArgs } from '../../../checker/cli/options.js';
import { RUN_READS } from '../../../checker/cli/runs.js';

function error(argv: string[]): string {
  const r = parseCheckArgs(argv);
  if (r.ok) throw new Error(`accepted: ${argv.join(' ')}`);
  return r.error;
}

describe('flags the chosen run does not read', () => {
  it.each([
    [['--replay', 't.json', '--stress'], '--replay and --stress ask for different runs: give one of them'],
    [['--conformance', '--stress'], '--conformance and --stress ask for different runs: give one of them'],
    [['--mutants', '--shard', '1/2'], '--mutants and --shard ask for different runs: give one of them'],
    [['--replay', 't.json', '--depth', '3'], '--depth does not apply to --replay (a trace carries its own target, configuration and schedule)'],
    [['--replay', 't.json', '--json'], '--json does not apply to --replay (a trace carries its own target, configuration and schedule)'],
    [['--mutants', '--target', 'hmap'], "--mutants checks sync.Map's mutants: give --target syncmap or none, not hmap"],
    [['--mutants', '--report', 'r.html'], '--report does not apply to --mutants (see --help)'],
    [['--stress', '--depth', '3'], '--depth does not apply to --stress (see --help)'],
    [['--stress', '--no-write'], '--no-write does not apply to --stress (see --help)'],
    [['--conformance', '--keys', '1'], '--keys does not apply to --conformance (the committed traces fix their own; --depth or --sample explores schedules instead)'],
    [['--conformance', '--report', 'r.html'], '--report does not apply to --conformance (see --help)'],
    [['--conformance', '--depth', '2', '--report', 'r.html'], '--report does not apply to --conformance --depth (see --help)'],
    [['--conformance', '--depth', '2', '--traces', 'x'], '--traces does not apply to --conformance --depth (it checks schedules, not the traces under --traces)'],
    [['--conformance', '--sample', '2', '--preemptions', '1'], '--preemptions does not apply to --conformance --sample (see --help)'],
    [['--stress', '--preemptions', '1', '--tiers', '2'], '--preemptions does not apply to --stress (see --help)'],
    [['--replay', 't.json', '--preemptions', '1', '--tiers', '2'], '--preemptions does not apply to --replay (a trace carries its own target, configuration and schedule)'],
    [['--shard', '1/2', '--traces', 'x'], '--traces does not apply to --shard (a shard prints only its partial report; give --traces, --no-write, --json or --report to gomapcheck merge)'],
    [['--shard', '1/2', '--no-write'], '--no-write does not apply to --shard (a shard prints only its partial report; give --traces, --no-write, --json or --report to gomapcheck merge)'],
  ])('refuses %j', (argv, message) => {
    expect(error(argv)).toBe(`gomapcheck: ${message}`);
  });

  it.each([
    [['--depth', '4', '--goroutines', '3', '--keys', '1', '--target', 'hmap', '--config', 'go', '--preemptions', '1', '--json', '--report', 'r.html', '--workers', '2', '--traces', 'x', '--no-write']],
    [['--target', 'sharded-map', '--shards', '3', '--exhaustive']],
    [['--shard', '2/3', '--depth', '3', '--target', 'hmap', '--exhaustive', '--workers', '1']],
    [['--replay', 't.json']],
    [['--mutants', '--depth', '3', '--goroutines', '2', '--keys', '1', '--target', 'syncmap', '--config', 'small', '--json', '--traces', 'x', '--no-write']],
    [['--conformance', '--target', 'mutex-map', '--traces', 'traces', '--json', '--no-write']],
    [['--conformance', '--depth', '3', '--goroutines', '2', '--keys', '1', '--target', 'sharded-map', '--shards', '3', '--config', 'small', '--preemptions', '1', '--json', '--no-write']],
    [['--conformance', '--sample', '5', '--seed', '2', '--depth', '3', '--goroutines', '2', '--keys', '1', '--target', 'syncmap', '--config', 'small', '--json', '--no-write']],
    [['--stress', '--target', 'sharded-map', '--shards', '3', '--config', 'small', '--keys', '2', '--ops', '10', '--workers', '3', '--seed', '4', '--mix', 'read-mostly', '--json']],
  ])('accepts %j', (argv) => {
    expect(parseCheckArgs(argv).ok).toBe(true);
  });

  it('lets some run read every flag the help lists', () => {
    const flags = [...helpText().matchAll(/--([a-z-]+)/g)].map((m) => m[1]!);
    const read = new Set(Object.values(RUN_READS).flat());
    const runs = ['replay', 'conformance', 'stress', 'mutants', 'shard', 'help'];
    for (const flag of flags) expect(read.has(flag === 'no-write' ? 'write' : flag) || runs.includes(flag), flag).toBe(true);
  });
});

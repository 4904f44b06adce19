import { Command, CommanderError } from 'commander';
import { formatHuman, runHeader } from '../report/human.js';
import { formatJson } from '../report/json.js';
import type { RunReport } from '../report/types.js';
import { checkShards, mergeTarget, runShard, ShardFormatError } from '../run/shard.js';
import { readPartial } from '../run/shard-io.js';
import { UsageError } from './errors.js';
import { type CheckOptions, parseCheckArgs, searchArgs } from './options.js';

/** `--shard i/n`: the partial report on stdout; exit 1 when this slice already broke a contract. */
export function shardCommand(options: CheckOptions, note: (line: string) => void): number {
  const { index, count } = options.shard!;
  const part = runShard(options, index, count, note);
  process.stdout.write(`${JSON.stringify(part)}\n`);
  return part.targets.some((t) => t.breached) ? 1 : 0;
}

const MERGE_HELP = `Usage: gomapcheck merge <partial reports...> [options]

Merges the partial reports that \`gomapcheck --shard i/n\` printed, all n slices of one run,
into the report one run over the whole scenario space prints, minimal witnesses and traces
included.

Options:
  --json          print one JSON object instead of the human summary
  --traces <dir>  where witness traces are written (default traces)
  --no-write      do not write witness trace files
  -h, --help      show this help
`;

/**
 * `gomapcheck merge <partial reports...> [--json] [--traces DIR] [--no-write]`: the report one
 * run over all shards would print, witnesses and traces included.
 */
export function mergeCommand(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(MERGE_HELP);
    return 0;
  }
  const program = new Command('gomapcheck merge').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} })
    .argument('<files...>').option('--json').option('--traces <dir>').option('--no-write').helpOption(false);
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) throw new UsageError(`merge: ${e.code === 'commander.missingArgument' ? 'give the partial reports to merge' : e.message.split('\n')[0]!.replace(/^error: /, '')} (gomapcheck merge part1.json part2.json ...)`);
    throw e;
  }
  const flags = program.opts<{ json?: boolean; traces?: string; write: boolean }>();
  const parts = program.args.map((file) => {
    const r = readPartial(file);
    if (!r.ok) throw new UsageError(r.error);
    return r.part;
  });
  const fit = checkShards(parts);
  if (!fit.ok) throw new UsageError(fit.error);
  const run = fit.run;
  // The shards' options, through the same parser, so the merge reports as that run would.
  const parsed = parseCheckArgs([
    ...searchArgs(run),
    ...(flags.json ? ['--json'] : []), ...(flags.traces === undefined ? [] : ['--traces', flags.traces]), ...(flags.write ? [] : ['--no-write']),
  ]);
  if (!parsed.ok) throw new UsageError(`the shards' options do not parse: ${parsed.error}`);
  const options = parsed.options;
  const header = runHeader(options);
  let targets;
  try {
    targets = parts[0]!.targets.map((_, t) => mergeTarget(parts, t, options, { stderr: process.stderr, cwd: process.cwd() }).report);
  } catch (e) {
    if (e instanceof ShardFormatError) throw new UsageError(`merge: ${e.message}`);
    throw e;
  }
  const report: RunReport = { ...header, targets };
  process.stdout.write(options.json ? formatJson(report) : formatHuman(report, options.write));
  return targets.some((t) => t.contract === 'broken') ? 1 : 0;
}

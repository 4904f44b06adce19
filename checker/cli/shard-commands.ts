import { Command, CommanderError } from 'commander';
import { formatHuman, runHeader } from '../report/human.js';
import { formatJson } from '../report/json.js';
import type { RunReport } from '../report/types.js';
import { checkShards, mergeTarget, runShard, ShardFormatError } from '../run/shard.js';
import { readPartial } from '../run/shard-io.js';
import { UsageError } from './errors.js';
import {
  type CheckOptions, HELP_DESCRIPTION, JSON_DESCRIPTION, NO_WRITE_DESCRIPTION, parseCheckArgs, searchArgs, TRACES_DESCRIPTION,
} from './options.js';

/** `--shard i/n`: the partial report on stdout; exit 1 when this slice already broke a contract. */
export function shardCommand(options: CheckOptions, note: (line: string) => void): number {
  const { index, count } = options.shard!;
  const part = runShard(options, index, count, note);
  process.stdout.write(`${JSON.stringify(part)}\n`);
  return part.targets.some((t) => t.breached) ? 1 : 0;
}

/**
 * A fresh program per call (commander keeps parsed values on the Command). Its options carry the
 * check's own descriptions, so `gomapcheck merge --help` words them as `gomapcheck --help` does.
 */
function mergeProgram(): Command {
  return new Command('gomapcheck merge')
    // Never exit or print from inside the parser: help and errors come back as CommanderErrors.
    .exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} })
    .usage('<partial reports...> [options]')
    .description('Merges the partial reports that `gomapcheck --shard i/n` printed, all n slices of one run, into the report '
      + 'one run over the whole scenario space prints, minimal witnesses and traces included.')
    .argument('<files...>')
    .option('--json', JSON_DESCRIPTION)
    .option('--traces <dir>', TRACES_DESCRIPTION)
    .option('--no-write', NO_WRITE_DESCRIPTION)
    .helpOption('-h, --help', HELP_DESCRIPTION);
}

/**
 * `gomapcheck merge <partial reports...> [--json] [--traces DIR] [--no-write]`: the report one
 * run over all shards would print, witnesses and traces included.
 */
export function mergeCommand(argv: string[]): number {
  const program = mergeProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    // Checked before the missing files, so a bare `gomapcheck merge --help` explains itself.
    if (e.code === 'commander.helpDisplayed') {
      process.stdout.write(program.helpInformation());
      return 0;
    }
    throw new UsageError(`merge: ${e.code === 'commander.missingArgument' ? 'give the partial reports to merge' : e.message.split('\n')[0]!.replace(/^error: /, '')} (gomapcheck merge part1.json part2.json ...)`);
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

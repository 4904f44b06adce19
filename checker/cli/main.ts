/**
 * The `gomapcheck` command. Only this file touches the process: it reads argv, prints the report
 * (or a replay verdict) on stdout, and turns the outcome into the exit code:
 * 0 the contracts hold / the trace reproduces, 1 a contract is broken / the trace does not
 * reproduce, 2 a user's mistake (one line on stderr), 3 our own bug (see errors.ts).
 */
import { replayFile } from '../replay/replay.js';
import { replayVerdict } from '../replay/verdict.js';
import { formatHuman, runHeader } from '../report/human.js';
import { formatJson } from '../report/json.js';
import type { RunReport } from '../report/types.js';
import { checkReportPath, writeHtmlReport } from '../report/html.js';
import { contextBound } from '../explore/bound.js';
import { targetOptions } from '../run/auto-bound.js';
import { mergeCommand, shardCommand } from './shard-commands.js';
import { type CheckedTarget, checkTargetWithTraces } from '../run/check-target.js';
import { checkMutants } from '../run/mutants.js';
import { CONFORMING_TARGETS, conformanceFiles, conformFiles } from '../conformance/corpus.js';
import { conformSamples } from '../conformance/sample-run.js';
import { conformEvery, type EveryTarget } from '../conformance/every-run.js';
import { CONFIGS } from '../../spec/config.js';
import { formatSafeStressHuman, formatSafeStressJson, formatStressHuman, formatStressJson, isSafeStressTarget, runSafeStress, runStress } from '../stress/index.js';
import { formatMutantsHuman, formatMutantsJson, type MutantsRun } from '../report/mutants.js';
import { runMain, UsageError } from './errors.js';
import { expandTarget } from './targets.js';
import { type CheckOptions, helpText, parseCheckArgs } from './options.js';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'merge') return mergeCommand(argv.slice(1));
  const parsed = parseCheckArgs(argv);
  if (!parsed.ok) throw new UsageError(parsed.error);
  const options = parsed.options;
  if (options.help) {
    process.stdout.write(helpText());
    return 0;
  }
  if (options.replay !== undefined) return replay(options.replay);
  if (options.conformance) return conformance(options);
  if (options.stress) return stress(options);
  if (options.shard) return shardCommand(options, noteLine);
  return options.mutants ? mutants(options) : check(options);
}

function replay(file: string): number {
  const r = replayFile(file);
  if (!r.ok) throw new UsageError(r.error);
  const verdict = replayVerdict(file, r.result);
  if (verdict.code === 2) throw new UsageError(verdict.line);
  process.stdout.write(`${verdict.line}\n`);
  return verdict.code;
}

const noteLine = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * A full collection, where the process allows one (`--expose-gc`, which `npm run check` and the
 * gomapcheck command pass). Between targets: V8 collects when its heap asks for it, not when a
 * search ends, so the next target's search (and its shared visited table) used to start on top
 * of the last one's garbage. Measured on the main job at depth 6: a peak of 2,080 MiB without,
 * 1,350 MiB with.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function check(options: CheckOptions): Promise<number> {
  if (options.report !== undefined) checkReportPath(options.report);
  const header = runHeader(options);
  const checked: CheckedTarget[] = [];
  for (const [i, target] of expandTarget(options.target).entries()) {
    if (i > 0) collectGarbage();
    const c = await checkTargetWithTraces(targetOptions(options, target, noteLine), { stderr: process.stderr, cwd: process.cwd() });
    // The human summary shows each target as soon as it is done: a long run is not silent.
    if (!options.json) process.stdout.write(`${i > 0 ? '\n' : ''}${formatHuman({ ...header, targets: [c.report] }, options.write)}`);
    checked.push(c);
  }
  const targets = checked.map((c) => c.report);
  const report: RunReport = { ...header, targets };
  if (options.report !== undefined) writeHtmlReport(options.report, report, checked.flatMap((c) => c.traces));
  if (options.json) process.stdout.write(formatJson(report));
  return targets.some((t) => t.contract === 'broken') ? 1 : 0;
}

/**
 * Free-running workers on the real maps: for the plain map, how often Go's checks catch a race and
 * what slips by; for the safe ones (mutex-map, rwmutex-map, sharded-map), whether every round is linearizable.
 */
async function stress(options: CheckOptions): Promise<number> {
  const s = options.stress!;
  const num = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    if (!/^[0-9]+$/.test(text)) throw new UsageError(`--${name} must be a whole number (got "${text}")`);
    return Number(text);
  };
  const target = options.target === 'all' ? 'hmap' : options.target;
  const ops = num('ops', s.ops) ?? 100_000;
  const workers = num('workers', s.workers);
  const seed = num('seed', s.seed);
  const keys = num('keys', s.keys);
  const common = {
    target, ops, config: options.config,
    ...(workers === undefined ? {} : { workers }), ...(seed === undefined ? {} : { seed }),
    ...(keys === undefined ? {} : { keys }), ...(s.mix === undefined ? {} : { mix: s.mix }),
  };
  if (isSafeStressTarget(target)) {
    // A safe map promises linearizability: one violating round is a broken promise.
    const safe = await runSafeStress({ ...common, ...(options.shards === undefined ? {} : { shards: options.shards }) });
    process.stdout.write(options.json ? formatSafeStressJson(safe) : formatSafeStressHuman(safe));
    return safe.violations > 0 ? 1 : 0;
  }
  const report = await runStress(common);
  process.stdout.write(options.json ? formatStressJson(report) : formatStressHuman(report));
  // Crashes and silent damage are the plain map's expected findings; a race-free round that went wrong is a bug.
  return report.anomalies > 0 ? 1 : 0;
}

/** Where --conformance writes each diverging trace and its marked diagram (under --no-write: nowhere). */
const DIVERGENCES_DIR = 'divergences';

/**
 * Each committed trace of a target that has a real implementation, run on real workers; with
 * --sample, seeded random schedules of each such target instead; with --depth, every schedule.
 */
async function conformance(options: CheckOptions): Promise<number> {
  if (options.sample) return sampledConformance(options, options.sample);
  if (options.everySchedule) return everyScheduleConformance(options, options.everySchedule.depth);
  const files = conformanceFiles(options.traces, expandTarget(options.target));
  if (files.length === 0) throw new UsageError(`no traces to run under ${options.traces}/ (conformance covers ${CONFORMING_TARGETS.join(', ')})`);
  const divergences = options.write ? { divergences: DIVERGENCES_DIR } : {};
  const r = await conformFiles(files, divergences, options.json ? undefined : (line) => process.stdout.write(`${line}\n`));
  if (options.json) process.stdout.write(`${JSON.stringify({ version: 1, mode: 'conformance', code: r.code, lines: r.lines }, null, 2)}\n`);
  return r.code === 2 ? 2 : r.code;
}

/** --conformance --sample: N schedules per target (--target narrows the targets), from --goroutines, --keys, --config, --shards. */
async function sampledConformance(options: CheckOptions, sample: NonNullable<CheckOptions['sample']>): Promise<number> {
  const wanted = expandTarget(options.target);
  const targets = CONFORMING_TARGETS.filter((t) => wanted.includes(t));
  if (targets.length === 0) throw new UsageError(`--sample runs on the targets with a real implementation (${CONFORMING_TARGETS.join(', ')}), not ${options.target}`);
  const spec = {
    ...sample, goroutines: options.goroutines, keys: options.keys, config: CONFIGS[options.config]!,
    ...(options.shards === undefined ? {} : { shards: options.shards }),
  };
  const divergences = options.write ? { divergences: DIVERGENCES_DIR } : {};
  const r = await conformSamples(targets, spec, divergences, options.json ? undefined : (line) => process.stdout.write(`${line}\n`));
  if (options.json) process.stdout.write(`${JSON.stringify({ version: 1, mode: 'conformance-sample', ...sample, code: r.code, diverged: r.diverged, lines: r.lines }, null, 2)}\n`);
  return r.code;
}

/**
 * --conformance --depth N: every schedule up to depth N (one per end state of the search) of each
 * target (--target narrows them), from --goroutines, --keys, --config, --shards; hmap past its
 * exhaustive reach gets the check's automatic context bound, and its summary line says so.
 */
async function everyScheduleConformance(options: CheckOptions, depth: number): Promise<number> {
  const wanted = expandTarget(options.target);
  const names = CONFORMING_TARGETS.filter((t) => wanted.includes(t));
  if (names.length === 0) throw new UsageError(`--conformance --depth runs on the targets with a real implementation (${CONFORMING_TARGETS.join(', ')}), not ${options.target}`);
  const targets: EveryTarget[] = names.map((name) => {
    const bound = contextBound(targetOptions(options, name, noteLine));
    return { name, ...bound, ...(bound.preemptions === undefined ? {} : { automatic: options.preemptions === undefined }) };
  });
  const spec = {
    depth, goroutines: options.goroutines, keys: options.keys, config: CONFIGS[options.config]!,
    ...(options.shards === undefined ? {} : { shards: options.shards }),
  };
  const divergences = options.write ? { divergences: DIVERGENCES_DIR } : {};
  const r = await conformEvery(targets, spec, divergences, options.json ? undefined : (line) => process.stdout.write(`${line}\n`), noteLine);
  if (options.json) process.stdout.write(`${JSON.stringify({ version: 1, mode: 'conformance-every', depth, code: r.code, targets: r.targets, lines: r.lines }, null, 2)}\n`);
  return r.code;
}

function mutants(options: CheckOptions): number {
  const results = checkMutants(options, { stderr: process.stderr, cwd: process.cwd() });
  const run: MutantsRun = { version: 1, depth: options.depth, config: options.config, goroutines: options.goroutines, keys: options.keys, mutants: results };
  process.stdout.write(options.json ? formatMutantsJson(run) : formatMutantsHuman(run));
  return results.some((m) => m.status === 'survived') ? 1 : 0;
}

await runMain(() => main(process.argv.slice(2)));

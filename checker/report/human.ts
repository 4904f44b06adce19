/**
 * The human summary of a run: per target, whether its contract holds, how much was explored, how
 * the executions ended, and where the witnesses are. Only the time figures vary between runs.
 */
import { boundWords, type ContextBound, contextBound } from '../explore/bound.js';
import { formatCount, plural } from './numbers.js';
import type { RunReport, TargetReport, WitnessReport } from './types.js';

/** ', exhaustive)' or the bound, as every summary line ends. */
function boundText(b: ContextBound): string {
  return b.preemptions === undefined ? ', exhaustive)' : `, ${boundWords(b)}: not exhaustive)`;
}

/** The context bound a target's report was made under: its own, or the run's. */
export function targetBound(run: RunReport, t: TargetReport): ContextBound {
  return t.preemptions !== undefined ? contextBound(t) : contextBound(run);
}

/**
 * `written`: false under --no-write, where the witnesses' paths are only where they would have
 * been written, and the summary says so rather than name files that are not there.
 */
export function formatHuman(report: RunReport, written = true): string {
  if (report.targets.length === 0) return 'no targets were checked\n';
  return report.targets.map((t) => formatTarget(report, t, written).join('\n') + '\n').join('\n');
}

/** A target's figures, name and value, as the human summary and the HTML report both list them. */
export function targetFigures(t: TargetReport): Array<[string, string]> {
  // A run too short to time has no meaningful rate; say so rather than print Infinity.
  const rate = t.seconds > 0 ? formatCount(t.states / t.seconds) : 'n/a';
  return [
    ['scenarios', formatCount(t.scenarios)],
    ['executions', formatCount(t.executions)],
    ['states stored', formatCount(t.states)],
    ['time (s)', t.seconds.toFixed(2)],
    ...(t.peakMemoryMiB === undefined ? [] : [['peak memory (MiB)', formatCount(t.peakMemoryMiB)] as [string, string]]),
    ['states/s', rate],
  ];
}

/** The fields every report of a run starts with, from the options the run was made with. */
export function runHeader(o: { depth: number; config: string; goroutines: number; keys: number } & ContextBound): Omit<RunReport, 'targets'> {
  return {
    version: 1, depth: o.depth, config: o.config, goroutines: o.goroutines, keys: o.keys, ...contextBound(o),
  };
}

function formatTarget(run: RunReport, t: TargetReport, written: boolean): string[] {
  const verdict = t.contract === 'holds' ? 'holds' : 'BROKEN';
  const lines = [
    `${t.target}: contract ${verdict}  ` +
      `(depth ${run.depth}, config ${run.config}, ${plural(run.goroutines, 'goroutine')}, ${plural(run.keys, 'key')}` +
      (t.shards === undefined ? '' : `, ${plural(t.shards, 'shard')}`) +
      boundText(targetBound(run, t)),
    ...twoColumns(targetFigures(t)).map((l) => `  ${l}`),
    '',
    ...twoColumns([['outcome', 'executions'], ...sortedOutcomes(t.outcomes)]).map((l) => `  ${l}`),
  ];
  if (t.witnesses.length > 0) {
    // Outcome names contain ': ' themselves, so the columns are separated by padding instead.
    const width = Math.max(...t.witnesses.map((w) => w.outcome.length));
    lines.push('', written ? '  witnesses' : '  witnesses (not written: --no-write)', ...t.witnesses.map((w) => `    ${w.outcome.padEnd(width)}  ${formatWitness(w)}`));
  }
  if (t.breaches !== undefined && t.breaches.length > 0) {
    lines.push('', '  breaches', ...t.breaches.map((b) => `    - ${b}`));
  }
  return lines;
}

/** Outcome classes in code-unit order (not localeCompare, which varies by locale). */
function sortedOutcomes(outcomes: Record<string, number>): Array<[string, string]> {
  return Object.keys(outcomes)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => [k, formatCount(outcomes[k] ?? 0)]);
}

function formatWitness(w: WitnessReport): string {
  return `${w.trace} (${plural(w.ops, 'op')}, ${plural(w.switches, 'switch', 'switches')}, ${plural(w.steps, 'step')})`;
}

/** Names left-aligned, values right-aligned, so digits of the same weight line up. */
function twoColumns(rows: Array<[string, string]>): string[] {
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return rows.map(([name, value]) => `${name.padEnd(nameWidth)}  ${value.padStart(valueWidth)}`);
}


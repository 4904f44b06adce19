/**
 * The report of a stress run of a safe map, for humans and as JSON. It leads with the figure that
 * matters for a map that promises linearizability: how many rounds broke the promise (0, or a
 * bug), then the throughput.
 */
import type { SafeStressTarget } from '../../impl/stress/targets.js';
import { formatCount, plural } from '../report/numbers.js';
import type { RangeMode } from '../verify/monitor.js';

export interface SafeStressReport {
  version: 1;
  target: SafeStressTarget;
  config: string;
  /** sharded-map only. */
  shards?: number;
  workers: number;
  keys: number;
  seed: number;
  mix: string;
  /** How a range is judged: 'snapshot' (the whole loop under one lock) or sync.Map's rule ('contract'). */
  range: RangeMode;
  ops: number;
  /** Operations started: all of them, unless an operation threw and stopped its round. */
  opsRun: number;
  roundOps: number;
  rounds: number;
  /** Rounds in which two workers' operations overlapped and one of them wrote: a plain map would have raced. */
  racy: number;
  /** Wall-clock seconds of the whole run, checking included. */
  seconds: number;
  /** Of those, the seconds the rounds ran (workers busy, main thread waiting). */
  roundSeconds: number;
  /** Rounds that were not linearizable, crashed, hung, or left the map or a lock broken. */
  violations: number;
  /** Rounds the verifier gave up on (its step bound): not clean, not a violation. */
  undecided: number;
  firstViolation?: { round: number; detail: string; excerpt: string[] };
  firstUndecided?: { round: number; detail: string };
}

function perSecond(ops: number, seconds: number): number {
  return seconds > 0 ? Math.round(ops / seconds) : 0;
}


export function formatSafeStressHuman(r: SafeStressReport): string {
  const ranOf = r.opsRun === r.ops ? formatCount(r.ops) : `${formatCount(r.opsRun)} of ${formatCount(r.ops)}`;
  const rangeRule = r.range === 'snapshot'
    ? 'a range judged as a snapshot'
    : r.target === 'syncmap' ? "Range judged by its rule, its callback's Delete and Store calls operations of their own" : "a range judged by sync.Map's Range rule, as it visits the shards one by one";
  // sync.Map has no lock of its own to check, but mu: its invariants cover it.
  const final = r.target === 'syncmap' ? "with the final map's invariants (mu free, I3-I6)" : 'with the final map and its locks';
  const lines = [
    `${r.target} stress: ${plural(r.rounds, 'round')} of up to ${formatCount(r.roundOps)} operations, each on a fresh map; ` +
      `${ranOf} operations in ${r.seconds.toFixed(2)} s, ${formatCount(perSecond(r.opsRun, r.seconds))} ops/s`,
    `  ${plural(r.workers, 'worker')}, config ${r.config}${r.shards === undefined ? '' : `, ${plural(r.shards, 'shard')}`}, ` +
      `${plural(r.keys, 'key')}, mix ${r.mix}, seed ${r.seed}; the rounds themselves took ${r.roundSeconds.toFixed(2)} s ` +
      `(${formatCount(perSecond(r.opsRun, r.roundSeconds))} ops/s), checking them the rest`,
    `  every round: its history checked for linearizability (${rangeRule}), ${final}; ` +
      `${formatCount(r.racy)} of them overlapped a write with another worker's operation (a race on a plain map)`,
    '',
    `  ${plural(r.violations, 'violation')}${r.firstViolation ? ` (first in round ${r.firstViolation.round}): ${r.firstViolation.detail}` : ''}`,
  ];
  if (r.firstViolation && r.firstViolation.excerpt.length > 0) {
    lines.push('    history excerpt ([call, return] on the shared clock; > marks the operation named above):', ...r.firstViolation.excerpt.map((l) => `    ${l}`));
  }
  if (r.undecided > 0) {
    lines.push(`  ${plural(r.undecided, 'round')} undecided, not counted as clean (first in round ${r.firstUndecided?.round}): ${r.firstUndecided?.detail}`);
  }
  lines.push('', "  The seed fixes every worker's operations; the interleaving is the hardware's.");
  return lines.join('\n') + '\n';
}

/** One JSON object, key order fixed here. */
export function formatSafeStressJson(r: SafeStressReport): string {
  const out = {
    version: r.version, mode: 'stress', target: r.target, config: r.config, ...(r.shards === undefined ? {} : { shards: r.shards }),
    workers: r.workers, keys: r.keys, mix: r.mix, seed: r.seed, range: r.range,
    ops: r.ops, opsRun: r.opsRun, roundOps: r.roundOps, rounds: r.rounds, racy: r.racy,
    seconds: Math.round(r.seconds * 1000) / 1000, roundSeconds: Math.round(r.roundSeconds * 1000) / 1000,
    opsPerSecond: perSecond(r.opsRun, r.seconds), violations: r.violations, undecided: r.undecided,
    ...(r.firstViolation ? { firstViolation: { round: r.firstViolation.round, detail: r.firstViolation.detail, excerpt: r.firstViolation.excerpt } } : {}),
    ...(r.firstUndecided ? { firstUndecided: { round: r.firstUndecided.round, detail: r.firstUndecided.detail } } : {}),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/**
 * The `--json` output: exactly one JSON object (schema version 1, see types.ts) and a newline.
 * The object is rebuilt field by field rather than stringified as given, so the key order is
 * fixed by this file and not by whoever assembled the report, and so stray fields never leak
 * into a public format.
 */
import { type BoundTier, tierFields } from '../explore/bound.js';
import type { RunReport, TargetReport, WitnessReport } from './types.js';

export function formatJson(report: RunReport): string {
  const out: Record<string, unknown> = {
    version: report.version,
    depth: report.depth,
    config: report.config,
    goroutines: report.goroutines,
    keys: report.keys,
    exhaustive: report.preemptions === undefined && report.targets.every((t) => t.preemptions === undefined),
  };
  if (report.preemptions !== undefined) out['preemptions'] = report.preemptions;
  if (report.tiers !== undefined) out['tiers'] = tiersJson(report.tiers);
  out['targets'] = report.targets.map(targetJson);
  return JSON.stringify(out, null, 2) + '\n';
}

function tiersJson(tiers: readonly BoundTier[]): Array<Record<string, number>> {
  return tierFields(tiers).map((fields) => Object.fromEntries(fields));
}

function targetJson(t: TargetReport): Record<string, unknown> {
  const out: Record<string, unknown> = {
    target: t.target,
    ...(t.shards === undefined ? {} : { shards: t.shards }),
    contract: t.contract,
    exhaustive: t.preemptions === undefined,
    ...(t.preemptions === undefined ? {} : { preemptions: t.preemptions }),
    ...(t.tiers === undefined ? {} : { tiers: tiersJson(t.tiers) }),
    scenarios: t.scenarios,
    executions: t.executions,
    states: t.states,
    // Milliseconds are all the precision a wall-clock figure has; more digits are noise in diffs.
    seconds: Math.round(t.seconds * 1000) / 1000,
    ...(t.peakMemoryMiB === undefined ? {} : { peakMemoryMiB: t.peakMemoryMiB }),
    outcomes: sortedRecord(t.outcomes),
    witnesses: t.witnesses.map(witnessJson),
  };
  if (t.breaches !== undefined) out['breaches'] = [...t.breaches];
  return out;
}

function witnessJson(w: WitnessReport): WitnessReport {
  return { outcome: w.outcome, trace: w.trace, ops: w.ops, switches: w.switches, steps: w.steps };
}

/**
 * Keys in code-unit order (not localeCompare, which varies by locale). Outcome classes are never
 * integer-like strings, which JavaScript objects would always put first whatever the insertion order.
 */
function sortedRecord(record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    out[key] = record[key] ?? 0;
  }
  return out;
}

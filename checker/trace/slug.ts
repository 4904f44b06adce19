import { createHash } from 'node:crypto';
import type { TraceFile } from './types.js';

/** A file-name-safe form of an outcome class: 'fatal: concurrent map writes' → 'fatal-concurrent-map-writes'. */
export function outcomeSlug(outcome: string): string {
  return outcome
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * '<outcome slug>-<8 hex digits>'. The hash covers what makes the execution (target, spec version,
 * configuration, scenario, schedule) and not the outcome or the measures, so the same execution
 * always gets the same name and two witnesses of one class never overwrite each other.
 */
export function traceFileBase(trace: TraceFile): string {
  const { target, specVersion, config, scenario, schedule } = trace;
  const digest = createHash('sha256')
    .update(canonicalJson({ target, specVersion, config, scenario, schedule }))
    .digest('hex');
  // An outcome made only of punctuation would otherwise give a name starting with '-'.
  return `${outcomeSlug(trace.outcome) || 'trace'}-${digest.slice(0, 8)}`;
}

/** JSON with object keys sorted at every level, so the text does not depend on construction order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

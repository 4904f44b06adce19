/**
 * `npx tsx bench/optimality.ts` (part of `npm run bench`): how many executions the dynamic
 * partial-order reduction explores per Mazurkiewicz trace, on the SPIN comparison's scenarios
 * (mapassign's write window, N goroutines × K writes). The DPOR runs stateless with sleep sets
 * (the cached search has no executions to count); the traces are counted apart from it
 * (checker/explore/traces.ts), by brute force where that finishes.
 */
import { fileURLToPath } from 'node:url';
import { exploreDpor } from '../checker/explore/dpor.js';
import { ALL_REDUCTIONS } from '../checker/explore/node.js';
import { countTraces, countTracesBySleepSets } from '../checker/explore/traces.js';
import { formatCount, plural } from '../checker/report/numbers.js';
import { SMALL } from '../spec/config.js';
import { flagProtocolTarget } from './spin/target.js';

export interface Optimality {
  goroutines: number;
  writes: number;
  /** Traces, counted by the sleep-set enumeration. */
  traces: number;
  /** The same, counted by enumerating every interleaving (only where that is affordable). */
  bruteForce?: number;
  /** Executions the DPOR ran to their end, and those it cut short because everything was asleep. */
  complete: number;
  blocked: number;
}

/** Scenarios whose interleavings can still be enumerated one by one, for the brute-force cross-check. */
const BRUTE_FORCE_UP_TO = 2;

export function measureOptimality(goroutines: number, writes: number): Optimality {
  const target = flagProtocolTarget(writes);
  const b = { depth: goroutines * writes, goroutines, keys: 1 };
  const traces = countTracesBySleepSets(target, SMALL, b);
  const d = exploreDpor(target, { ...b, cfg: SMALL }, { ...ALL_REDUCTIONS, dpor: true }, { stateless: true });
  const out: Optimality = { goroutines, writes, traces, complete: d.maximal, blocked: d.blocked };
  if (b.depth <= BRUTE_FORCE_UP_TO) out.bruteForce = countTraces(target, SMALL, b).traces;
  return out;
}

export function renderOptimality(rows: readonly Optimality[]): string {
  const lines = ['executions explored per Mazurkiewicz trace (stateless DPOR with sleep sets, mapassign write window):'];
  for (const r of rows) {
    const ratio = (r.complete + r.blocked) / r.traces;
    const check = r.bruteForce === undefined ? '' : ` (brute force: ${formatCount(r.bruteForce)})`;
    const missed = r.traces - r.complete;
    lines.push(`  ${r.goroutines} goroutines × ${plural(r.writes, 'write')}: ${formatCount(r.traces)} traces${check}; `
      + `explored ${formatCount(r.complete)} complete + ${formatCount(r.blocked)} sleep-blocked = ratio ${ratio.toFixed(3)}`
      + (missed > 0 ? `; ${formatCount(missed)} traces not explored` : ''));
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${renderOptimality([[2, 1], [2, 2], [3, 1]].map(([g, k]) => measureOptimality(g!, k!)))}\n`);
}

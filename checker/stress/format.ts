/**
 * The stress report for humans and as JSON. The human text leads with the figure Go's own
 * detection rate is quoted as: of the racy rounds, how many crashed, went silently wrong, or
 * were harmless.
 */
import { formatCount, plural } from '../report/numbers.js';
import type { ClassCounts, StressReport } from './report.js';

export function formatStressHuman(r: StressReport): string {
  const lines = [
    `${r.target} stress: ${plural(r.all.rounds, 'round')} of up to ${formatCount(r.roundOps)} operations, each on a fresh map; ` +
      `${formatCount(r.opsRun)} of ${formatCount(r.ops)} operations ran (a crash ends its round)`,
    `  ${plural(r.workers, 'worker')}, config ${r.config}, ${plural(r.keys, 'key')}, mix ${r.mix}, seed ${r.seed}; ${r.seconds.toFixed(2)} s`,
    '',
    `  ${rateLine(r.racy)}`,
    `  ${raceFreeLine(r)}`,
    ...(r.wrongReadBeforeFatal > 0 ? [`  ${plural(r.wrongReadBeforeFatal, 'fatal round')} had already returned a wrong read before Go crashed`] : []),
    '',
    ...twoColumns([['outcome', 'rounds'], ...sorted(r.outcomes)]).map((l) => `  ${l}`),
  ];
  if (Object.keys(r.silentKinds).length > 0) {
    lines.push('', '  silent damage (a round may show several)', ...twoColumns(sorted(r.silentKinds)).map((l) => `    ${l}`));
  }
  if (r.examples.length > 0) {
    const width = Math.max(...r.examples.map((e) => e.outcome.length));
    lines.push('', '  first round of each', ...r.examples.map((e) => `    ${e.outcome.padEnd(width)}  round ${e.round}: ${e.detail}`));
  }
  lines.push('', '  The seed fixes every worker\'s operations; the interleaving is the hardware\'s, so the counts differ from run to run.');
  return lines.join('\n') + '\n';
}

function rateLine(c: ClassCounts): string {
  if (c.rounds === 0) return 'no round raced (no two workers overlapped with a write): no detection rate to give';
  const parts = [
    `${percent(c.fatal, c.rounds)} crashed with a fatal`,
    `${percent(c.silent, c.rounds)} went silently wrong`,
    `${percent(c.harmless, c.rounds)} were harmless`,
  ];
  if (c.undecided > 0) parts.push(`${percent(c.undecided, c.rounds)} were undecided (verifier's step bound)`);
  return `of ${plural(c.rounds, 'racy round')}, ${parts.join(', ')}`;
}

function raceFreeLine(r: StressReport): string {
  const n = r.raceFree.rounds;
  if (n === 0) return 'no race-free round';
  if (r.anomalies === 0) return `${plural(n, 'race-free round')}: all harmless, as they must be`;
  return `${plural(n, 'race-free round')}: ${formatCount(r.anomalies)} NOT harmless, a bug of impl/hmap (see the first rounds below)`;
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}


/** Keys in code-unit order (not localeCompare, which varies by locale), counts formatted. */
function sorted(counts: Record<string, number>): Array<[string, string]> {
  return Object.keys(counts)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => [k, formatCount(counts[k] ?? 0)]);
}

function twoColumns(rows: Array<[string, string]>): string[] {
  const left = Math.max(...rows.map(([a]) => a.length));
  const right = Math.max(...rows.map(([, b]) => b.length));
  return rows.map(([a, b]) => `${a.padEnd(left)}  ${b.padStart(right)}`);
}

/** One JSON object, key order fixed here so stray fields never leak into a public format. */
export function formatStressJson(r: StressReport): string {
  const counts = (c: ClassCounts): ClassCounts => ({ rounds: c.rounds, fatal: c.fatal, silent: c.silent, harmless: c.harmless, undecided: c.undecided });
  const out = {
    version: r.version, mode: 'stress', target: r.target, config: r.config, workers: r.workers, keys: r.keys, mix: r.mix, seed: r.seed,
    ops: r.ops, opsRun: r.opsRun, roundOps: r.roundOps,
    // Milliseconds are all the precision a wall-clock figure has.
    seconds: Math.round(r.seconds * 1000) / 1000,
    all: counts(r.all), racy: counts(r.racy), raceFree: counts(r.raceFree), anomalies: r.anomalies, wrongReadBeforeFatal: r.wrongReadBeforeFatal,
    outcomes: Object.fromEntries(sorted(r.outcomes).map(([k]) => [k, r.outcomes[k]])),
    silentKinds: Object.fromEntries(sorted(r.silentKinds).map(([k]) => [k, r.silentKinds[k]])),
    examples: r.examples.map((e) => ({ outcome: e.outcome, round: e.round, detail: e.detail })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/**
 * `npx tsx bench/spin/run.ts [--goroutines N] [--writes K]`: the explorer and SPIN side by side
 * on mapassign's write-window protocol (default 3 goroutines × 2 writes). Without spin installed
 * it says so in one line and exits 0; a bad flag is a one-line error and exit 2.
 */
import { fileURLToPath } from 'node:url';
import { formatCount, plural } from '../../checker/report/numbers.js';
import { runOurs, TIMED_RUNS } from './ours.js';
import { runSpin, spinAvailable } from './promela.js';

export interface SpinArgs {
  goroutines: number;
  writes: number;
}

/** Parses the flags; throws a one-line Error on anything else. */
export function parseArgs(argv: string[]): SpinArgs {
  const a: SpinArgs = { goroutines: 3, writes: 2 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const eq = flag.indexOf('=');
    const name = eq >= 0 ? flag.slice(0, eq) : flag;
    if (name !== '--goroutines' && name !== '--writes') throw new Error(`unknown flag "${flag}" (known: --goroutines N, --writes K)`);
    const v = eq >= 0 ? flag.slice(eq + 1) : argv[++i];
    if (v === undefined || !/^[0-9]+$/.test(v) || Number(v) < 1) throw new Error(`${name} must be a whole number ≥ 1 (got "${v ?? ''}")`);
    a[name === '--goroutines' ? 'goroutines' : 'writes'] = Number(v);
  }
  if (a.goroutines > 8) throw new Error(`--goroutines must be at most 8 (got ${a.goroutines})`);
  if (a.goroutines * a.writes > 255) throw new Error('--goroutines × --writes must be at most 255 (count is a byte)');
  return a;
}

const secs = (s: number): string => s.toFixed(3);

/** Runs both and renders the table. */
export function compare(a: SpinArgs): string {
  const ours = runOurs(a.goroutines, a.writes);
  const spin = runSpin(a.goroutines, a.writes);
  const same = ours.classes.join('\n') === spin.classes.join('\n');
  const rows: Array<[string, string, string]> = [
    ['', 'gomapcheck', 'SPIN (-DSAFETY, POR)'],
    ['stored states', formatCount(ours.stored), formatCount(spin.stored)],
    ['transitions', formatCount(ours.transitions), formatCount(spin.transitions)],
    ['seconds (search)', secs(ours.seconds), secs(spin.seconds)],
    ['states/s', formatCount(ours.stored / Math.max(ours.seconds, 1e-6)), formatCount(spin.stored / Math.max(spin.seconds, 1e-6))],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = [
    `mapassign write-window protocol: ${plural(a.goroutines, 'goroutine')} × ${plural(a.writes, 'write')}`,
    ...rows.map(([m, o, s]) => `  ${m.padEnd(w0)}  ${o.padStart(w1)}  ${s}`),
    `  same outcome classes: ${same ? 'yes' : 'no'}`,
    `    gomapcheck: ${ours.classes.join('; ')}`,
    `    SPIN:       ${spin.classes.join('; ')}`,
    `  ratio: stored ${(ours.stored / spin.stored).toFixed(2)}× SPIN's, time ${(ours.seconds / Math.max(spin.seconds, 1e-6)).toFixed(2)}× SPIN's`,
    `  executions (distinct end states, ours): ${ours.outcomes.map(([c, n]) => `${c} ${formatCount(n)}`).join('; ')}`,
    `  notes: both check the fixed split, ${plural(a.writes, 'write')} per goroutine; ours with symmetry and no linearizability monitor (writes return nothing),`,
    `         SPIN with one proctype per goroutine; its seconds are pan's wall time (pan itself said ${secs(spin.panSeconds)} s),`,
    `         not counting spin -a + cc (${secs(spin.buildSeconds)} s) or the 3 property runs that found its classes;`,
    `         ours are the search in this process after one untimed run (V8's compile, as cc is left out for pan);`,
    `         both medians of ${TIMED_RUNS} timed runs.`,
  ];
  return lines.join('\n');
}

function main(argv: string[]): number {
  let a: SpinArgs;
  try {
    a = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`bench/spin: ${(e as Error).message}\n`);
    return 2;
  }
  const avail = spinAvailable();
  if (!avail.ok) {
    process.stdout.write(`bench/spin: ${avail.why}; skipping the SPIN comparison\n`);
    return 0;
  }
  process.stdout.write(`${compare(a)}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));

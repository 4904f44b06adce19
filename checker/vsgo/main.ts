/**
 * `npm run vs-go`: the specs against real Go 1.19, the plain map's and sync.Map's (and, with
 * --maps, the locked maps'). For each pair of operations on one map, the outcome classes the spec
 * reaches (every interleaving) beside what Go did when two goroutines ran the same pair, trial
 * after trial. Exit 0 when they agree, 1 when Go did what the spec says it cannot, 2 on bad input
 * or without Go 1.19.
 */
import { Command, CommanderError } from 'commander';
import { runMain, UsageError } from '../cli/errors.js';
import { wholeNumber } from '../cli/options.js';
import { buildHarness, findGo, runPair } from './go.js';
import { MAP_OPS, PAIR_MAPS, PAIR_OPS, type PairCase, type PairMap, type PairOp } from './model.js';
import { allCases, compareCases, DEFAULT_MAPS, formatRows, rowsJson } from './table.js';

/** A count flag's value, its default when absent; bad input is a usage error. */
function count(flag: string, text: string | undefined, fallback: number): number {
  const n = wholeNumber(text, fallback, 1, Infinity);
  if (n === undefined) throw new UsageError(`${flag} must be a whole number ≥ 1 (got "${text}")`);
  return n;
}

/** The maps of `--maps a,b,...` (`all` for every one). */
function mapsOf(text: string | undefined): readonly PairMap[] {
  if (text === undefined) return DEFAULT_MAPS;
  if (text === 'all') return PAIR_MAPS;
  const maps = text.split(',');
  const known = (m: string): m is PairMap => PAIR_MAPS.includes(m as PairMap);
  if (!maps.every(known)) throw new UsageError(`--maps must be all or some of ${PAIR_MAPS.join(', ')}, comma-separated (got "${text}")`);
  return maps as PairMap[];
}

/** The cases of `--pair a,b` (a on goroutine 0): on an empty map and on one with two keys, of each of `maps` that has both operations. */
function pairCases(text: string, maps: readonly PairMap[]): PairCase[] {
  const [a, b, ...rest] = text.split(',');
  const known = (op: string | undefined): op is PairOp => PAIR_OPS.includes(op as PairOp);
  if (rest.length > 0 || !known(a) || !known(b)) throw new UsageError(`--pair must be two of ${PAIR_OPS.join(', ')}, comma-separated, e.g. assign,range (got "${text}")`);
  const having = maps.filter((map) => MAP_OPS[map].includes(a) && MAP_OPS[map].includes(b));
  return having.flatMap((map) => [0, 2].map((prefill): PairCase => ({ map, ops: [a, b], prefill })));
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('npm run vs-go --').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} }).helpOption(false)
    .description("the plain map's spec against real Go 1.19, pair of operations by pair")
    .option('-h, --help', 'show this help')
    .option('--runs <n>', 'runs of the Go program per pair (default 5)').option('--ms <n>', 'longest a run lasts, in milliseconds (default 200)')
    .option('--maps <list>', `which maps: some of ${PAIR_MAPS.join(', ')}, or all (default ${DEFAULT_MAPS.join(',')})`)
    .option('--pair <a,b>', `only this pair of operations (${PAIR_OPS.join(', ')}), on an empty map and one with two keys, of each map that has both`)
    .option('--json', 'print one JSON object instead of the table')
    .option('--explain', "for each outcome Go showed, besides ok, the spec's cheapest execution of the same pair, step by step in words");
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) throw new UsageError(`vs-go: ${e.message.replace(/^error: /, '')} (see --help)`);
    throw e;
  }
  const o = program.opts<{ runs?: string; ms?: string; maps?: string; pair?: string; explain?: boolean; json?: boolean; help?: boolean }>();
  if (o.help) {
    process.stdout.write(program.helpInformation());
    return 0;
  }
  const runs = count('--runs', o.runs, 5);
  const ms = count('--ms', o.ms, 200);
  const maps = mapsOf(o.maps);
  const cases = o.pair === undefined ? allCases(maps) : pairCases(o.pair, maps);
  const go = findGo();
  const harness = buildHarness(go);
  try {
    const rows = compareCases(cases, (c) => runPair(harness, c, runs, ms), o.explain === true);
    process.stdout.write(o.json ? rowsJson(rows, runs, ms, go.version) : formatRows(rows, runs, ms));
    return rows.every((r) => r.agrees) ? 0 : 1;
  } finally {
    harness.remove();
  }
}

await runMain(() => main(process.argv.slice(2)));

/** The comparison's rows and their text: every pair of operations, on an empty map and on one holding two keys. */
import { CONFIGS } from '../../spec/config.js';
import { hmapTarget } from '../../spec/hmap/target.js';
import { narrate } from '../docs/explanations.js';
import { witnessTrace } from '../run/witness-trace.js';
import { comparePair, type PairVerdict } from './compare.js';
import { modelClasses, PAIR_OPS, pairBounds, pairWitnesses, type PairCase, setupSteps } from './model.js';

/** Every unordered pair of operations (one goroutine each), on an empty map and on one with two keys. */
export function allCases(): PairCase[] {
  const out: PairCase[] = [];
  for (const prefill of [0, 2]) {
    for (let i = 0; i < PAIR_OPS.length; i++) for (let j = i; j < PAIR_OPS.length; j++) out.push({ ops: [PAIR_OPS[i]!, PAIR_OPS[j]!], prefill });
  }
  return out;
}

export interface Row extends PairVerdict {
  case: PairCase;
  /** The spec's outcome classes for the pair, sorted. */
  model: string[];
  /** Go's runs by outcome class. */
  go: Map<string, number>;
  /** With `explain`: for each outcome Go showed that the spec reaches, besides ok, the spec's cheapest execution of the pair in words. */
  explained?: Map<string, string>;
}

/** Compares each case: the spec's classes against what `observe` saw real Go do. */
export function compareCases(cases: readonly PairCase[], observe: (c: PairCase) => Map<string, number>, explain = false): Row[] {
  return cases.map((c) => {
    const model = modelClasses(c);
    const go = observe(c);
    const row: Row = { case: c, model, go, ...comparePair(model, go) };
    if (explain) row.explained = explainSeen(c, [...go.keys()].filter((o) => o !== 'ok' && model.includes(o)));
    return row;
  });
}

/** The spec's cheapest execution of the pair for each of `outcomes`, told in words (as docs/hmap.md tells witnesses). */
export function explainSeen(c: PairCase, outcomes: readonly string[]): Map<string, string> {
  const cfg = CONFIGS['go']!;
  const target = hmapTarget(cfg);
  const setup = setupSteps(c, cfg);
  const filling = setup > 0 ? ` Steps 1-${setup} are G0 filling the map alone.` : '';
  const out = new Map<string, string>();
  for (const [outcome, path] of pairWitnesses(c, new Set(outcomes), cfg)) {
    const { view } = witnessTrace(target, cfg, pairBounds(c), path);
    out.set(outcome, `${narrate(view, false).replace(/\.$/, '')}: no interleaving of this pair has fewer switches.${filling}`);
  }
  return out;
}

/** One line per pair, then the verdict: what a reader checks the spec against. */
export function formatRows(rows: readonly Row[], runs: number, ms: number): string {
  const lines = [`plain map, spec (config go, every interleaving of one operation each) against real Go 1.19 (${runs} runs of up to ${ms} ms per pair, one operation per goroutine per trial)`, ''];
  for (const r of rows) {
    const name = `${r.case.ops[0]} ∥ ${r.case.ops[1]}${r.case.prefill ? `, ${r.case.prefill} keys in the map` : ', empty map'}`;
    const go = [...r.go].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, n]) => `${c} ×${n}`).join(', ');
    lines.push(`${r.agrees ? 'agree ' : 'DIFFER'}  ${name}`);
    lines.push(`        spec: ${r.model.join(', ')}`);
    lines.push(`        Go:   ${go}`);
    for (const remark of r.remarks) lines.push(`        ${remark}`);
    for (const [outcome, how] of r.explained ?? []) lines.push(`        how the spec gets to ${outcome}: ${how}`);
  }
  const differ = rows.filter((r) => !r.agrees).length;
  const pairs = (n: number): string => `${n} pair${n === 1 ? '' : 's'}`;
  lines.push('', differ === 0 ? `all ${pairs(rows.length)} agree: every outcome Go showed (a crash, or a map left visibly broken) is one the spec reaches for that pair` : `${differ} of ${pairs(rows.length)} differ`);
  const { fatalPairs, shown } = fatalCoverage(rows);
  lines.push(`of the ${pairs(fatalPairs)} for which the spec reaches a fatal error, Go printed every one of the spec's fatal errors for ${shown} (a race Go loses rarely may need more runs: --runs, or --pair a,b)`);
  return `${lines.join('\n')}\n`;
}

/** Of the pairs whose spec reaches a fatal error, how many Go showed every such error for. */
export function fatalCoverage(rows: readonly Row[]): { fatalPairs: number; shown: number } {
  const withFatal = rows.filter((r) => r.model.some((c) => c.startsWith('fatal: ')));
  const shown = withFatal.filter((r) => r.model.filter((c) => c.startsWith('fatal: ')).every((c) => r.go.has(c))).length;
  return { fatalPairs: withFatal.length, shown };
}

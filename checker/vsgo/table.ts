/** The comparison's rows and their text: every pair of each map's operations, on an empty map and on one holding two keys. */
import { CONFIGS } from '../../spec/config.js';
import { narrate } from '../docs/explanations.js';
import { witnessTrace } from '../run/witness-trace.js';
import { comparePair, type PairVerdict } from './compare.js';
import { MAP_OPS, modelClasses, type PairMap, pairBounds, pairTarget, pairWitnesses, type PairCase, setupSteps } from './model.js';
import { plural } from '../report/numbers.js';

/** Every unordered pair of each map's operations (one goroutine each), on an empty map and on one with two keys; by default the plain map's, then sync.Map's. */
export function allCases(maps: readonly PairMap[] = DEFAULT_MAPS): PairCase[] {
  const out: PairCase[] = [];
  for (const map of maps) {
    const ops = MAP_OPS[map];
    for (const prefill of [0, 2]) {
      for (let i = 0; i < ops.length; i++) for (let j = i; j < ops.length; j++) out.push({ map, ops: [ops[i]!, ops[j]!], prefill });
    }
  }
  return out;
}

/** The maps `npm run vs-go` compares unless --maps says otherwise: the one that breaks, and the one built not to. */
export const DEFAULT_MAPS: readonly PairMap[] = ['hmap', 'syncmap'];

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
  const target = pairTarget(c, cfg);
  const setup = setupSteps(c, cfg);
  const out = new Map<string, string>();
  for (const [outcome, path] of pairWitnesses(c, new Set(outcomes), cfg)) {
    const { view } = witnessTrace(target, cfg, pairBounds(c), path);
    out.set(outcome, `${narrate(view, false, setup).replace(/\.$/, '')}: no interleaving of this pair has fewer switches.`);
  }
  return out;
}

/** One line per pair, then the verdict: what a reader checks the spec against. */
export function formatRows(rows: readonly Row[], runs: number, ms: number): string {
  const lines = [`the spec (config go, every interleaving of one operation each) against real Go 1.19 (${runs} runs of up to ${ms} ms per pair, one operation per goroutine per trial)`, ''];
  for (const r of rows) {
    const name = `${MAP_NAMES[r.case.map]}${opName(r.case, 0)} ∥ ${opName(r.case, 1)}${r.case.prefill ? `, ${r.case.prefill} keys in the map` : ', empty map'}`;
    const go = [...r.go].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, n]) => `${c} ×${n}`).join(', ');
    lines.push(`${r.agrees ? 'agree ' : 'DIFFER'}  ${name}`);
    lines.push(`        spec: ${r.model.join(', ')}`);
    lines.push(`        Go:   ${go}`);
    for (const remark of r.remarks) lines.push(`        ${remark}`);
    for (const [outcome, how] of r.explained ?? []) lines.push(`        how the spec gets to ${outcome}: ${how}`);
  }
  const differ = rows.filter((r) => !r.agrees).length;
  const pairs = (n: number): string => plural(n, 'pair');
  lines.push('', differ === 0 ? `all ${pairs(rows.length)} agree: every outcome Go showed (a crash, a map left visibly broken, results no order explains) is one the spec reaches for that pair` : `${differ} of ${pairs(rows.length)} differ`);
  const { pairs: wrong, shown } = coverage(rows);
  lines.push(`of the ${pairs(wrong)} for which the spec reaches an outcome besides ok, Go showed one of them for ${shown} (a race Go loses rarely may need more runs: --runs, or --pair a,b)`);
  return `${lines.join('\n')}\n`;
}

/** The comparison as one JSON object (`--json`): every pair with both sides, and the verdict. */
export function rowsJson(rows: readonly Row[], runs: number, ms: number, go: string): string {
  const sorted = (m: ReadonlyMap<string, unknown>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({
    version: 1, go, config: 'go', runs, ms,
    agree: rows.every((r) => r.agrees), coverage: coverage(rows),
    pairs: rows.map((r) => ({
      map: r.case.map, ops: r.case.ops, prefill: r.case.prefill, spec: r.model, observed: sorted(r.go), agrees: r.agrees, remarks: r.remarks,
      ...(r.explained ? { explained: sorted(r.explained) } : {}),
    })),
  }, null, 2)}\n`;
}

/** Of the pairs whose spec reaches anything but ok, how many Go showed one of those outcomes for. */
export function coverage(rows: readonly Row[]): { pairs: number; shown: number } {
  const wrong = rows.filter((r) => r.model.some((c) => c !== 'ok'));
  const shown = wrong.filter((r) => [...r.go.keys()].some((o) => o !== 'ok' && r.model.includes(o))).length;
  return { pairs: wrong.length, shown };
}

/** How a row names its map: the plain map by its operations alone. */
const MAP_NAMES: Readonly<Record<PairMap, string>> = { hmap: '', syncmap: 'sync.Map ', 'mutex-map': 'mutex-map ', 'rwmutex-map': 'rwmutex-map ', 'sharded-map': 'sharded-map ' };

/** sync.Map's method names for the operations it has, the plain map's operation names otherwise. */
const SYNC_METHODS: Readonly<Record<string, string>> = { assign: 'Store', access: 'Load', delete: 'Delete', range: 'Range' };

function opName(c: PairCase, g: 0 | 1): string {
  return c.map === 'syncmap' ? SYNC_METHODS[c.ops[g]]! : c.ops[g];
}

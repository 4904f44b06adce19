import { SMALL } from '../../spec/config.js';
import { mutexMapTarget, rwmutexMapTarget, shardedMapTarget } from '../../spec/guarded/index.js';
import { MUTANTS, STATE_INVARIANTS, syncmapTarget, TRANSITION_INVARIANTS } from '../../spec/syncmap/index.js';
import type { Target } from '../../spec/target.js';
import { type Bounds, nodeKey } from '../explore/node.js';
import { explore } from '../explore/search.js';
import type { TraceFile } from '../trace/types.js';
import { GENERATED } from './hmap-page.js';
import { observeTarget } from './observe.js';
import { outcomeCounts } from './claims/format.js';
import { formatCount } from '../report/numbers.js';

/** A committed mutant trace, as the page lists it. */
export interface MutantWitness {
  trace: TraceFile;
  json: string;
}

const STATE: Array<[string, string]> = [
  ['mu', 'the one Mutex (sync/map.go:35); a goroutine waiting for it is not enabled until it is free'],
  ['read', 'an atomic pointer to an immutable readOnly{m, amended} (map.go:46, 70-73); stored only under mu'],
  ['dirty', 'a plain map key → entry, or nil (map.go:56); touched only under mu'],
  ['misses', 'loads that had to lock since the last promotion (map.go:62); touched only under mu'],
  ['entry.p', 'per key: nil (deleted), expunged (deleted and not in dirty), or a pointer to the value (map.go:80-101); changed by CAS'],
];

const WHY: Record<string, string> = {
  syncmap: 'Lock-free paths only read the immutable read.m and CAS entry pointers; everything that changes read or dirty happens under mu; an expunged entry is never revived without the lock, and dirty is promoted whole. The invariants below hold in every state, and every history is linearizable (Range by its documented rule).',
  'rwmutex-map': 'Writers hold the write lock for their whole operation, so no reader or writer overlaps one; readers only read, so overlapping readers cannot disturb each other. The plain map inside is never raced on.',
  'mutex-map': 'Every operation holds the one lock for its whole duration: the plain map inside runs strictly one operation at a time.',
  'sharded-map': 'Each key lives in one shard, and per-key operations hold that shard\'s lock; len and clear lock every shard in order before touching any, so they are atomic too; range locks one shard at a time, so it is not a snapshot and is judged by the same non-snapshot rule as sync.Map\'s Range.',
};

export function syncmapPage(depth: number, mutants: MutantWitness[]): string {
  const cfg = SMALL;
  const b: Bounds = { depth, goroutines: 2, keys: 2 };
  const lines: string[] = [GENERATED, '', '# sync.Map and the safe alternatives', '',
    `Go 1.19's \`sync/map.go\` as a pure state machine (\`spec/syncmap/\`), and three ways Go programs make a plain map safe (\`spec/guarded/\`, on \`spec/sync/\`'s Mutex and RWMutex). Their contract: every execution ends \`ok\`, i.e. linearizable, every invariant holding, no deadlock. Exhaustive figures below are for depth ${depth} (2 goroutines, 2 keys, config \`small\`), produced by this page's generator; depth-6 figures are in [performance.md](performance.md).`, ''];
  lines.push('## sync.Map', '', '### State', '', '| field | what it holds |', '|---|---|', ...STATE.map(([f, m]) => `| \`${f}\` | ${m} |`), '');
  const sm = syncmapTarget(cfg);
  lines.push(...stepTable('### Steps', sm, { depth: 3, goroutines: 2, keys: 2 }));
  lines.push('### Invariants', '', 'Checked in every state where no operation runs (state invariants) and on every step (transition invariants, by the interpreter, so a mutated step cannot skip them):', '',
    ...STATE_INVARIANTS.map((i) => `- ${i.name}`), ...TRANSITION_INVARIANTS.map((i) => `- ${i.name} (on every step)`), '');
  lines.push('### Range', '', 'Range is not a snapshot. It is judged by its documented contract: no key is visited twice; every visited (k, v) was k\'s value at some moment during the Range; a key present for the whole Range and written by no operation during it is visited, unless the callback stopped early; a callback that stops ends the iteration after one pair. The exact rule is stated in `checker/verify/monitor.ts` and applied by both the online monitor and the offline verifier.', '');
  lines.push(...mutantTable(mutants));
  lines.push('## Why they hold', '', '| target | states | executions | outcomes | why |', '|---|---:|---:|---|---|');
  const targets: Array<Target<unknown>> = [sm as Target<unknown>, rwmutexMapTarget(cfg) as Target<unknown>, mutexMapTarget(cfg) as Target<unknown>, shardedMapTarget(cfg) as Target<unknown>];
  for (const t of targets) {
    const r = explore(t, { ...b, cfg });
    const outcomes = outcomeCounts(r.outcomes);
    lines.push(`| \`${t.name}\` | ${formatCount(r.states)} | ${formatCount(r.executions)} | ${outcomes}${r.breached ? ' (**contract broken**)' : ''} | ${WHY[t.name] ?? ''} |`);
  }
  lines.push('');
  for (const t of targets.slice(1)) lines.push(...stepTable(`## Steps of \`${t.name}\``, t, { depth: 2, goroutines: 2, keys: 2 }));
  return `${lines.join('\n')}\n`;
}

function stepTable<S>(title: string, target: Target<S>, b: Bounds): string[] {
  const rows = [...observeTarget(target, SMALL, b, (n) => `${nodeKey(target, b, n)}/${n.ops}`).values()]
    .sort((x, y) => (x.goLine.split(':')[0]! < y.goLine.split(':')[0]! ? -1 : x.goLine.split(':')[0]! > y.goLine.split(':')[0]! ? 1 : lineOf(x.goLine) - lineOf(y.goLine) || (x.label < y.label ? -1 : 1)));
  return [title, '', `Every step seen in the executions of up to ${b.depth} operations on ${b.goroutines} goroutines, ordered by Go line.`, '',
    '| step label | Go line | reads | writes | access |', '|---|---|---|---|---|',
    ...rows.map((r) => `| \`${r.label.replace(/\|/g, '\\|')}\` | ${r.goLine} | ${r.reads.replace(/\|/g, '\\|')} | ${r.writes.replace(/\|/g, '\\|')} | ${r.access} |`), ''];
}

const lineOf = (goLine: string): number => Number(goLine.split(':')[1] ?? 0);

function mutantTable(witnesses: MutantWitness[]): string[] {
  const lines = ['### Mutants', '', 'Plausible bugs, each a patch to the spec\'s function table (`spec/syncmap/mutants.ts`); `npm run check -- --mutants --depth 6` kills each with the witness below.', '',
    '| mutant | the bug | killed by | witness |', '|---|---|---|---|'];
  for (const m of MUTANTS) {
    const w = witnesses.find((x) => x.trace.mutant === m.name);
    const kill = w ? `\`${w.trace.outcome}\` in ${w.trace.ops} operations` : 'no committed witness';
    const link = w ? `[trace](${w.json}) · [SVG](${w.json.replace(/\.json$/, '.svg')})` : '';
    lines.push(`| \`${m.name}\` | ${m.description.replace(/\|/g, '\\|')} | ${kill} | ${link} |`);
  }
  return [...lines, ''];
}

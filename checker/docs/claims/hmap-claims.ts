import { SMALL } from '../../../spec/config.js';
import { HASH_WRITING, NIL } from '../../../spec/hmap/constants.js';
import type { MState } from '../../../spec/hmap/machine.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import type { Op } from '../../../spec/types.js';
import type { Bounds, Node } from '../../explore/node.js';
import { packCost } from '../../explore/queue.js';
import { explore } from '../../explore/search.js';
import { findPathTo, findWitnesses, type WitnessPath } from '../../explore/witness.js';
import { completed, restricted, type WrittenWitness, writeWitness } from './evidence.js';
import { goWithKeys, rowsTable, runSequential } from './sequential.js';
import type { Claim } from './types.js';
import { outcomeCounts } from './format.js';
import { formatCount } from '../../report/numbers.js';

const WRITERS = new Set(['assign', 'delete', 'clear']);
const isWriter = (op: Op): boolean => WRITERS.has(op.kind);

/** The witness as the claims page shows it: what happened, the files, the diagram. */
export function witnessMarkdown(w: WrittenWitness, caption: string): string[] {
  return [`${caption} ${w.narrative}`, '', `Trace: [${w.json}](${w.json}) · diagram: [SVG](${w.svg}) · replay: \`npm run check -- --replay docs/${w.json}\``, '',
    '```mermaid', w.mmdText.trimEnd(), '```'];
}

/** The cheapest of several witnesses in the search's own order (the first of equals). */
const cheapest = (paths: WitnessPath[]): WitnessPath =>
  paths.reduce((a, b) => (packCost(b.ops, b.switches, b.steps) < packCost(a.ops, a.switches, a.steps) ? b : a));

/** Which goroutines are inside a write window: past their hashWriting store, before its clear. */
function inWriteWindow(s: MState, g: number): boolean {
  const gs = s.gs[g]!;
  const bottom = gs.frames[0];
  if (!gs.op || !isWriter(gs.op) || !bottom) return false;
  return !['count', 'checkWriting', 'toggleLoad', 'toggleStore', 'storeValue'].includes(bottom.pc);
}

export function hmapClaims(dir: string, docs: string): Claim[] {
  const cfg = SMALL;
  const hmap = hmapTarget(cfg);
  const writers = restricted(hmap, isWriter);
  const b: Bounds = { depth: 2, goroutines: 2, keys: 1 };
  const claims: Claim[] = [];

  // 1. Concurrent writes always crash.
  {
    const r = explore(writers, { ...b, cfg });
    const silent = [...r.outcomes.keys()].filter((c) => !c.startsWith('fatal: ') && c !== 'ok');
    const w = writeWitness(writers, cfg, b, cheapest([...findWitnesses(writers, cfg, b, new Set(silent)).values()]), dir, docs);
    claims.push({
      n: 1, text: 'Concurrent writes to a Go map always crash with `fatal error: concurrent map writes`.', verdict: 'wrong',
      condition: 'The check is a plain load of `hashWriting` at the start of each write and again before the flag is cleared. Two writers that both load the flag before either stores it, and both pass the closing check before either clears it, finish without any fatal, and the map can be left corrupt or its results unexplainable.',
      evidence: [`Every interleaving of every scenario of two writer operations (assign, delete, clear) on one key, config \`small\` (${formatCount(r.states)} states): ${outcomeCounts(r.outcomes)} distinct end states. The fatal is the common case, not the only one.`, '',
        ...witnessMarkdown(w, `The smallest silent one, \`${w.trace.outcome}\`:`), '',
        realGoPointer('leave `len(m)` different from the number of keys the map holds, with no error', 'delete,clear')],
    });
  }

  // 2. Toggling the flag at the same time can clear it while both write.
  {
    const bothInClear = (n: Node<MState>): boolean => !n.crash && inWriteWindow(n.s, 0) && inWriteWindow(n.s, 1) && (n.s.h.flags & HASH_WRITING) === 0;
    const path = findPathTo(writers, cfg, b, bothInClear);
    if (!path) throw new Error('claim 2: no state with both writers in their window and the flag clear');
    const w = writeWitness(writers, cfg, b, completed(writers, cfg, b, path), dir, docs, false);
    claims.push({
      n: 2, text: 'If two goroutines toggle the writing flag (`h.flags ^= hashWriting`) at the same time, the flag can end up cleared while both are writing.', verdict: 'holds',
      condition: `\`^=\` is a separate load and store. A writer that passed the check while the flag was clear, and then loads it after the other writer has set it, XORs it back to clear: both are inside their windows with \`hashWriting\` off. The cheapest such state is reached after step ${path.steps} below; from there the first writer to reach its closing check usually finds the flag clear and reports \`concurrent map writes\`, but no later writer or reader can see that a write is going on.`,
      evidence: witnessMarkdown(w, `The cheapest execution into that state (${path.ops} operations, ${path.switches} switches, ${path.steps} steps), run on to its end:`),
    });
  }

  // 3. Flag clear while oldbuckets != nil means serious inconsistency.
  {
    const seq: Bounds = { depth: 3, goroutines: 1, keys: 2 };
    const growing = (n: Node<MState>): boolean => n.ops > 0 && !n.crash && hmap.idle(n.s, 0) && n.s.h.oldbuckets !== NIL && (n.s.h.flags & HASH_WRITING) === 0;
    const path = findPathTo(hmap, cfg, seq, growing);
    if (!path) throw new Error('claim 3: no quiescent state in the middle of a grow');
    const w = writeWitness(hmap, cfg, seq, completed(hmap, cfg, seq, path), dir, docs, false);
    const race = explore(hmap, { depth: 3, goroutines: 1, keys: 2, cfg });
    claims.push({
      n: 3, text: '`flags & hashWriting == 0` while `oldbuckets != nil` means the map is in a seriously inconsistent state.', verdict: 'wrong',
      condition: 'Growth is incremental: after hashGrow, each later write evacuates one or two old buckets, so between operations a perfectly sound map routinely has `oldbuckets != nil` and no writer. It is the normal state of a map in the middle of a grow.',
      evidence: [...witnessMarkdown(w, 'One goroutine, no race at all: after the second assign the map is growing, between operations, with the flag clear, and every invariant holds.'), '',
        `And every sequential program of up to 3 operations on 2 keys (config \`small\`, ${formatCount(race.states)} states) ends: ${outcomeCounts(race.outcomes)}.`],
    });
  }

  // 4. Growth thresholds, with Go's real constants.
  {
    const spread = goWithKeys('go-30-keys', "Go's constants; 30 keys spread over 8 buckets", (k) => k % 8, 30);
    const inserts: Op[] = Array.from({ length: 30 }, (_, k) => ({ kind: 'assign', key: k, value: k + 1 }));
    const grow = runSequential(spread, inserts);
    const points = grow.map((r, i) => ({ r, i, prev: grow[i - 1]?.B ?? 0 })).filter(({ r, prev }) => r.B !== prev);
    const churn = goWithKeys('go-churn', "Go's constants; k0-k8 in bucket 0 and k9-k17 in bucket 1 once B=1", (k) => (k < 9 ? 0 : 1) | ((k % 4) << 1), 19);
    const ops: Op[] = [];
    for (let k = 0; k < 9; k++) ops.push({ kind: 'assign', key: k, value: ops.length + 1 });
    for (let k = 0; k < 9; k++) ops.push({ kind: 'delete', key: k });
    for (let k = 9; k < 18; k++) ops.push({ kind: 'assign', key: k, value: ops.length + 1 });
    for (let k = 9; k < 18; k++) ops.push({ kind: 'delete', key: k });
    ops.push({ kind: 'assign', key: 18, value: ops.length + 1 });
    const same = runSequential(churn, ops);
    claims.push({
      n: 4, text: 'A map grows when the average number of entries per bucket reaches 6.5, and grows to the same size when overflow buckets exceed 1<<(B+3).', verdict: 'partly right',
      condition: 'Doubling: an assign of a NEW key grows the map when the count after it would exceed both bucketCnt (8) and 6.5 × 2^B (overLoadFactor(count+1, B), map.go:1085-1087), so with B=0 the 9th key grows it (8 is the bound there, not 6.5), and from B=1 on the key that would lift the average above 6.5. Same size: when noverflow ≥ 2^min(B,15) (tooManyOverflowBuckets, map.go:1092-1102), i.e. about as many overflow buckets as buckets, not 1<<(B+3); and only on an assign of a new key while no grow is under way.',
      evidence: [`Inserting 30 distinct keys with Go's constants (8 cells per bucket, load factor 13/2, B=0 at make), B changes at insert ${points.map(({ i, prev, r }) => `${i + 1} (B ${prev}→${r.B}, count ${r.count})`).join(', ')}:`, '',
        ...rowsTable(grow), '',
        'Same-size growth needs overflow buckets without too many keys, which only churn gives. Nine keys that share bucket 0 after the first grow, deleted, then nine that share bucket 1, deleted: noverflow reaches 2 = 2^B with B=1 while the map is empty. The next new key triggers a same-size grow, which a one-bucket-per-write evacuation of two old buckets finishes at once (noverflow drops to 0, B stays 1):', '',
        ...rowsTable(same, 16)],
    });
  }

  // 5. Reading while another goroutine writes is always detected.
  {
    const rw = restricted(hmap, (op) => op.kind === 'assign' || op.kind === 'access');
    const r = explore(rw, { ...b, cfg });
    const found = findWitnesses(rw, cfg, b, new Set(['nonlinearizable']));
    const path = found.get('nonlinearizable');
    if (!path) throw new Error('claim 5: no undetected read');
    const w = writeWitness(rw, cfg, b, path, dir, docs);
    claims.push({
      n: 5, text: 'Reading a map while another goroutine writes it is always detected.', verdict: 'wrong',
      condition: 'mapaccess checks `hashWriting` once, when it starts. A read that starts before a writer sets the flag, or after it cleared it while the caller\'s value store is still to come, reads whatever the cells hold at that moment, with no check.',
      evidence: [`Every interleaving of one \`m[k0] = v\` and one \`v, ok := m[k0]\` (and of the sequential pairs), config \`small\`: ${outcomeCounts(r.outcomes)} distinct end states.`, '',
        ...witnessMarkdown(w, 'The smallest undetected one:'), '',
        realGoPointer('return `0, true` from `v, ok := m[k0]`, a value nobody stored, with no error', 'assign,access')],
    });
  }
  return claims;
}

/** A pointer to the comparison with real Go (checker/vsgo): what to run to see Go itself do it. */
function realGoPointer(what: string, pair: string): string {
  return `To see Go 1.19 itself ${what}: \`npm run vs-go -- --pair ${pair} --explain\` runs the pair in real Go, trial after trial, and prints what Go did beside the spec's shortest way there (README, "Against real Go 1.19", has what it showed here).`;
}

import { SMALL } from '../../../spec/config.js';
import { SYNCMAP_FUNCTIONS, syncmapTarget } from '../../../spec/syncmap/index.js';
import type { Target } from '../../../spec/target.js';
import type { Op } from '../../../spec/types.js';
import { applyEdge, type Bounds, type Edge, initialNode, isEnd, nodeKey, outcomeOf } from '../../explore/node.js';
import { observeTarget } from '../observe.js';
import { explore } from '../../explore/search.js';
import type { WitnessPath } from '../../explore/witness.js';
import { restricted, writeWitness } from './evidence.js';
import { witnessMarkdown } from './hmap-claims.js';
import type { Claim } from './types.js';
import { outcomeCounts } from './format.js';
import { formatCount } from '../../report/numbers.js';

/** One goroutine running `ops` to the end, as a witness path (a sequential scenario). */
export function sequentialPath<S>(target: Target<S>, b: Bounds, ops: Op[]): WitnessPath {
  let node = initialNode(target, SMALL, b);
  const edges: Edge[] = [];
  for (const op of ops) {
    let edge: Edge = { g: 0, op };
    do {
      edges.push(edge);
      node = applyEdge(target, b, node, edge).node;
      edge = { g: 0, op: null };
    } while (!target.idle(node.s, 0) && !node.crash);
  }
  if (!isEnd(target, b, node)) throw new Error('a sequential scenario did not finish');
  return { outcome: outcomeOf(node), edges, ops: ops.length, switches: 0, steps: edges.length };
}

export function syncmapClaims(dir: string, docs: string, depth: number): Claim[] {
  const cfg = SMALL;
  const sm = syncmapTarget(cfg);
  const claims: Claim[] = [];

  // 6. No deleting during Range.
  {
    const seq: Bounds = { depth: 4, goroutines: 1, keys: 2 };
    const ops: Op[] = [
      { kind: 'assign', key: 0, value: 1 }, { kind: 'assign', key: 1, value: 2 },
      { kind: 'range', body: 'delete' }, { kind: 'range' },
    ];
    const w = writeWitness(sm, cfg, seq, sequentialPath(sm, seq, ops), dir, docs, false);
    const deleting = restricted(sm, (op) => op.kind === 'assign' || op.kind === 'access' || op.kind === 'delete' || (op.kind === 'range' && op.body === 'delete'));
    const b: Bounds = { depth, goroutines: 2, keys: 2 };
    const r = explore(deleting, { ...b, cfg });
    claims.push({
      n: 6, text: 'sync.Map does not allow deleting entries during Range.', verdict: 'wrong',
      condition: 'Range holds no lock while it calls f (sync/map.go:327-358), and its documentation allows the callback to call any method of the map. A Delete from inside f is an ordinary Delete: it clears the entry with a CAS, and the Range goes on with the keys of the read.m it loaded at its start.',
      evidence: [...witnessMarkdown(w, 'One goroutine stores two keys, then ranges deleting each key it is given; a second Range finds the map empty:'), '',
        `And concurrently: every interleaving of every scenario of up to ${depth} operations on 2 goroutines and 2 keys, with Store, Load, Delete and a Range that deletes each key it visits (${formatCount(r.states)} states): ${outcomeCounts(r.outcomes)} distinct end states: every history linearizable (Range judged by its documented contract), every invariant I1-I8 holding.`],
    });
  }

  // 7. Sharded locks.
  {
    const lockPoints = Object.values(SYNCMAP_FUNCTIONS).flatMap((fn) => Object.values(fn.points).filter((p) => p.lock).map((p) => `\`${fn.name}\` (map.go:${p.line})`));
    const b: Bounds = { depth: 3, goroutines: 1, keys: 2 };
    const locations = lockLocations(sm, b);
    claims.push({
      n: 7, text: 'sync.Map is built on sharded locks.', verdict: 'wrong',
      condition: 'A sync.Map has exactly one mutex, `mu` (sync/map.go:35), taken only on the slow paths: a miss in read.m while dirty has more keys, a Store of a key read.m does not have, and the promotion in Range. The fast paths are atomic loads of `read` and atomic loads and CASes of the entries\' pointers. Nothing is split by key.',
      evidence: [`Every lock the spec takes is that one field: its ${lockPoints.length} lock steps are ${lockPoints.join(', ')}.`, '',
        `Run over every sequential program of up to 3 operations on 2 keys, the locations the mutex steps touch are exactly: ${locations.map((l) => `\`${l}\``).join(', ')}.`],
    });
  }
  return claims;
}

/** The shared locations written by lock and unlock steps in every execution within `b`. */
function lockLocations<S>(target: Target<S>, b: Bounds): string[] {
  const rows = observeTarget(target, SMALL, b, (n) => `${nodeKey(target, b, n)}/${n.ops}`);
  const written = [...rows.values()].filter((r) => /\bmu\.(Lock|Unlock)\b|\bLock\(\)|\bUnlock\(\)/.test(r.label)).flatMap((r) => r.writes.split(', '));
  return [...new Set(written)].sort();
}

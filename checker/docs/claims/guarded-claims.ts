/**
 * The docs' claim about a map guarded by a sync.RWMutex (claim 8), checked by a search when the
 * docs are generated, with the smallest deadlock of each misuse of the lock.
 */
import { SMALL } from '../../../spec/config.js';
import { RWMUTEX_MISUSES, rwmutexMapTarget, rwmutexMisuseTarget } from '../../../spec/guarded/index.js';
import { DEADLOCK_MESSAGE, fatalClass } from '../../../spec/types.js';
import type { Bounds } from '../../explore/node.js';
import { explore } from '../../explore/search.js';
import { findWitnesses } from '../../explore/witness.js';
import { writeWitness } from './evidence.js';
import { witnessMarkdown } from './hmap-claims.js';
import type { Claim } from './types.js';
import { outcomeCounts } from './format.js';
import { formatCount } from '../../report/numbers.js';

export function guardedClaims(dir: string, docs: string, depth: number): Claim[] {
  const cfg = SMALL;
  const b: Bounds = { depth, goroutines: 2, keys: 2 };
  const r = explore(rwmutexMapTarget(cfg), { ...b, cfg });
  const deadlock = fatalClass(DEADLOCK_MESSAGE);
  const misuses = RWMUTEX_MISUSES.flatMap((m) => {
    const target = rwmutexMisuseTarget(cfg, m);
    const mb: Bounds = { depth: 2, goroutines: 2, keys: 1 };
    const path = findWitnesses(target, cfg, mb, new Set([deadlock])).get(deadlock);
    if (!path) throw new Error(`claim 8: the misuse ${m.name} did not deadlock`);
    const w = writeWitness(target, cfg, mb, path, dir, docs, true, m.name);
    return [`**${m.name}.** ${m.description}`, '', ...witnessMarkdown(w, 'The smallest execution:'), ''];
  });
  return [{
    n: 8, text: 'A map guarded by a sync.RWMutex is safe for any mix of reads and writes.', verdict: 'partly right',
    condition: 'Every mix of whole operations, each taking the lock once (RLock for m[k], range and len, Lock for writes), is linearizable and leaves the map sound. It stops being safe when the locking is not that simple: RWMutex is not reentrant, so writing under a read lock the same goroutine holds deadlocks, and so does taking the read lock twice while a writer waits in between (Go\'s writer preference blocks the second RLock).',
    evidence: [`Every interleaving of every scenario of up to ${depth} operations on 2 goroutines and 2 keys, readers and writers mixed (${formatCount(r.states)} states): ${outcomeCounts(r.outcomes)} distinct end states.`, '', ...misuses],
  }];
}

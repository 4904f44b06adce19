import type { MapConfig } from '../config.js';
import { hmapTarget } from '../hmap/target.js';
import { type RWMutex, RWMUTEX } from '../sync/rwmutex.js';
import type { Target } from '../target.js';
import type { Op } from '../types.js';
import { isReader, plainOnly, type Part, type Scheme, underLock } from './plan.js';
import type { GuardedState } from './state.js';
import { guardedTarget } from './target.js';

/**
 * Ways Go programs misuse an RWMutex-guarded map, as variants of rwmutex-map (traces name one in
 * their `mutant` field). Each changes only the lock discipline of one operation; the map and the
 * locks are the real ones. They are here to show what "safe for any mix of reads and writes"
 * leaves out, not as bugs of the target.
 */
export interface Misuse {
  name: string;
  description: string;
  alphabet(keys: number, value: number): Op[];
  plan(op: Op): readonly Part[];
}

const plainPlan = (op: Op): Part[] => (isReader(op) ? underLock(0, 'RLock', 'RUnlock', op) : underLock(0, 'Lock', 'Unlock', op));

export const RWMUTEX_MISUSES: readonly Misuse[] = [
  {
    name: 'write-inside-read-lock',
    description: 'A range loop under mu.RLock that deletes what it visits under mu.Lock: for k := range m { mu.Lock(); delete(m, k); mu.Unlock() }. RWMutex is not reentrant: Lock waits for every reader to leave, including this one.',
    alphabet: () => [{ kind: 'assign', key: 0, value: 1 }, { kind: 'range', body: 'delete' }],
    plan: (op) => (op.kind === 'range' && op.body === 'delete'
      ? [{ kind: 'sync', shard: 0, method: 'RLock' }, { kind: 'map', shard: 0, op: { kind: 'range' } },
        { kind: 'sync', shard: 0, method: 'Lock' }, { kind: 'map', shard: 0, op: { kind: 'delete', key: 0 } },
        { kind: 'sync', shard: 0, method: 'Unlock' }, { kind: 'sync', shard: 0, method: 'RUnlock' }]
      : plainPlan(op)),
  },
  {
    name: 'recursive-read-lock',
    description: 'A reader that takes the read lock again while holding it (a helper that read-locks, called under RLock). Alone it works; with a writer waiting between the two RLocks, the second RLock waits for the writer, which waits for the first.',
    alphabet: (_keys, value) => [{ kind: 'assign', key: 0, value }, { kind: 'access', key: 0 }],
    plan: (op) => (op.kind === 'access'
      ? [{ kind: 'sync', shard: 0, method: 'RLock' }, { kind: 'sync', shard: 0, method: 'RLock' }, { kind: 'map', shard: 0, op },
        { kind: 'sync', shard: 0, method: 'RUnlock' }, { kind: 'sync', shard: 0, method: 'RUnlock' }]
      : plainPlan(op)),
  },
];

/** rwmutex-map with one misuse applied. */
export function rwmutexMisuseTarget(cfg: MapConfig, misuse: Misuse): Target<GuardedState<RWMutex>> {
  const scheme: Scheme<RWMutex> = {
    lock: RWMUTEX, shards: 1, lockName: () => 'rw', mapPrefix: () => '',
    plan: (op) => {
      plainOnly(op);
      return misuse.plan(op);
    },
  };
  return guardedTarget(cfg, {
    name: 'rwmutex-map',
    specVersion: `rwmutex-map/go1.19.8/1+${hmapTarget(cfg).specVersion}+misuse:${misuse.name}`,
    range: 'snapshot',
    alphabet: misuse.alphabet,
    scheme,
  });
}

import type { MapConfig } from '../config.js';
import { hmapAlphabet, hmapTarget } from '../hmap/target.js';
import { type Mutex, MUTEX } from '../sync/mutex.js';
import type { Target } from '../target.js';
import { plainOnly, type Scheme, underLock } from './plan.js';
import type { GuardedState } from './state.js';
import { guardedTarget } from './target.js';

/** `var mu sync.Mutex; m := map[K]V{}`: every operation, readers too, under mu.Lock/Unlock. */
const SCHEME: Scheme<Mutex> = {
  lock: MUTEX,
  shards: 1,
  lockName: () => 'mu',
  mapPrefix: () => '',
  plan: (op) => {
    plainOnly(op);
    return underLock(0, 'Lock', 'Unlock', op);
  },
};

export function mutexMapTarget(cfg: MapConfig): Target<GuardedState<Mutex>> {
  return guardedTarget(cfg, {
    name: 'mutex-map',
    specVersion: `mutex-map/go1.19.8/1+${hmapTarget(cfg).specVersion}`,
    range: 'snapshot',
    alphabet: hmapAlphabet,
    scheme: SCHEME,
  });
}

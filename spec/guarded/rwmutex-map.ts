import type { MapConfig } from '../config.js';
import { hmapAlphabet, hmapTarget } from '../hmap/target.js';
import { type RWMutex, RWMUTEX } from '../sync/rwmutex.js';
import type { Target } from '../target.js';
import { isReader, plainOnly, type Scheme, underLock } from './plan.js';
import type { GuardedState } from './state.js';
import { guardedTarget } from './target.js';

/**
 * `var mu sync.RWMutex; m := map[K]V{}`: readers (m[k], range, len) under mu.RLock/RUnlock,
 * writers (assign, delete, clear) under mu.Lock/Unlock. The whole range loop holds the read
 * lock, so a Range is one atomic read of the map.
 */
const SCHEME: Scheme<RWMutex> = {
  lock: RWMUTEX,
  shards: 1,
  lockName: () => 'rw',
  mapPrefix: () => '',
  plan: (op) => {
    plainOnly(op);
    return isReader(op) ? underLock(0, 'RLock', 'RUnlock', op) : underLock(0, 'Lock', 'Unlock', op);
  },
};

export function rwmutexMapTarget(cfg: MapConfig): Target<GuardedState<RWMutex>> {
  return guardedTarget(cfg, {
    name: 'rwmutex-map',
    // The inner map's labels are the hmap spec's, so its version is part of this one.
    specVersion: `rwmutex-map/go1.19.8/1+${hmapTarget(cfg).specVersion}`,
    range: 'snapshot',
    alphabet: hmapAlphabet,
    scheme: SCHEME,
  });
}

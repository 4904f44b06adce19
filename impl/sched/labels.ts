import { HMAP_LABELS } from '../hmap/labels.js';
import { MUTEX_LABELS, RWMUTEX_LABELS } from '../sync/labels.js';
import { SYNCMAP_LABELS } from '../syncmap/labels.js';
import type { SchedTarget } from './types.js';

/**
 * Each controlled target's label table: a label's index is its id on the wire, and the worker and
 * the controller must hold the same table. A guarded map's hook sees its lock's steps and its
 * plain map's steps alike, so its table is both (they share no label: a lock's begin with 'Lock:',
 * 'RLock:', ..., the map's with 'mapassign:', 'len:', ...).
 */
export const SCHED_LABELS: Readonly<Record<SchedTarget, readonly string[]>> = {
  hmap: HMAP_LABELS,
  syncmap: SYNCMAP_LABELS,
  'mutex-map': [...HMAP_LABELS, ...MUTEX_LABELS],
  'rwmutex-map': [...HMAP_LABELS, ...RWMUTEX_LABELS],
  'sharded-map': [...HMAP_LABELS, ...RWMUTEX_LABELS],
};

import type { ValueNamer } from '../canon.js';
import { encodeMachine, opText } from '../hmap/encode.js';
// The functions the guarded machine runs (machine.ts says why they keep every local).
import { HMAP_FUNCTIONS_KEEPING_LOCALS as HMAP_FUNCTIONS } from '../hmap/functions.js';
import { type KeyText, keyText } from '../hmap/keys.js';
import type { OpResult } from '../types.js';
import type { Scheme } from './plan.js';
import type { GuardedState, GuardG } from './state.js';

/**
 * Canonical text of a guarded state: the locks, then each shard's map as the hmap spec encodes it
 * (heap renumbered, goroutine slots in `order`), then the goroutines in `order`. Every value goes
 * through `values` in this one walk, so states equal up to renaming values encode alike; with
 * `keys` (key symmetry, hmap/keys.ts) so does every key.
 */
export function encodeGuarded<L>(scheme: Scheme<L>, s: GuardedState<L>, values: ValueNamer, order: readonly number[], keys?: KeyText): string {
  const locks = s.locks.map((l) => scheme.lock.encode(l)).join(';');
  const maps = s.maps.map((m) => encodeMachine(HMAP_FUNCTIONS, m, values, order, keys)).join('||');
  const gs = order.map((g) => encodeG(s.gs[g]!, values, keys));
  return `${locks}||${maps}||${gs.join('|')}`;
}

function encodeG(g: GuardG, values: ValueNamer, keys: KeyText | undefined): string {
  if (!g.op) return '-';
  const sync = g.sync ? `${g.sync.method}.${g.sync.pc}.${g.sync.r}` : '';
  const acc = g.acc ? resultText(g.acc, values, keys) : '';
  return `${opText(g.op, values, keys)}${g.called}@${g.part}${sync}>${acc}`;
}

/** Pairs stay in yield order: the order is part of what a trace shows, so it is kept apart. */
function resultText(r: OpResult, values: ValueNamer, keys: KeyText | undefined): string {
  switch (r.kind) {
    case 'none': return '-';
    case 'value': return r.ok ? `v${values.name(r.value)}` : 'absent';
    case 'len': return `n${r.n}`;
    case 'pairs': return `[${r.pairs.map(([k, v]) => `${keyText(k, keys)}:${values.name(v)}`).join(',')}]`;
  }
}

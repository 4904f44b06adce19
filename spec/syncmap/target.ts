import type { MapConfig } from '../config.js';
import type { Target } from '../target.js';
import type { Op } from '../types.js';
import { encodeState } from './encode.js';
import { SYNCMAP_FUNCTIONS } from './functions.js';
import { brokenInvariant } from './invariants.js';
import { enabled, idleGoroutines, nextLabel, startOp, step } from './machine.js';
import { type Mutant, mutate } from './patch.js';
import type { FunctionTable } from './program.js';
import { IDLE, type SyncMapState, ZERO_MEM } from './state.js';

/** Changes whenever step labels or their order change, so old traces say why they diverge. */
export const SYNCMAP_SPEC_VERSION = 'syncmap/go1.19.8/2';

/**
 * sync.Map's operations: per key Store, Load, LoadOrStore, LoadAndDelete and Delete; then Range
 * with each callback body: collect every pair, stop at the first, Delete each key, Store `value`
 * to each key.
 */
export function syncmapAlphabet(keys: number, value: number): Op[] {
  const ops: Op[] = [];
  for (let k = 0; k < keys; k++) {
    ops.push(
      { kind: 'assign', key: k, value },
      { kind: 'access', key: k },
      { kind: 'loadOrStore', key: k, value },
      { kind: 'loadAndDelete', key: k },
      { kind: 'delete', key: k },
    );
  }
  ops.push({ kind: 'range' }, { kind: 'range', body: 'stop' }, { kind: 'range', body: 'delete' }, { kind: 'range', body: 'store', value });
  return ops;
}

/**
 * Go 1.19's sync.Map as a target: one step per atomic access or mutex operation of sync/map.go.
 * With a mutant, the same spec with the mutant's patches applied to its function table. The
 * configuration's hash table and bucket constants do not apply to sync.Map. `base` is the spec's
 * functions; tests and the liveness tool (checker/liveness) pass variants of them.
 */
export function syncmapTarget(_cfg: MapConfig, mutant?: Mutant, base: FunctionTable = SYNCMAP_FUNCTIONS): Target<SyncMapState> {
  const fns = mutant ? mutate(base, mutant) : base;
  return {
    name: 'syncmap',
    specVersion: mutant ? `${SYNCMAP_SPEC_VERSION}+mutant:${mutant.name}` : SYNCMAP_SPEC_VERSION,
    contract: 'always',
    range: 'contract',
    alphabet: syncmapAlphabet,
    init: (_c, goroutines) => ({ mem: ZERO_MEM, gs: idleGoroutines(goroutines), violated: null }),
    idle: (s, g) => s.gs[g]!.op === null,
    start: (s, g, op, opIndex) => startOp(fns, s, g, op, opIndex),
    enabled: (s, g) => enabled(fns, s, g),
    step: (s, g, detail) => step(fns, s, g, detail),
    nextLabel: (s, g) => nextLabel(fns, s, g),
    broken: brokenInvariant,
    encode: (s, values, order, keys) => encodeState(fns, s, values, order, keys),
    keySymmetric: () => true,
    halt: (s) => ({ ...s, gs: s.gs.map(() => IDLE) }),
  };
}

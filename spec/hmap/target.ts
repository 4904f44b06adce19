import type { MapConfig } from '../config.js';
import type { Target } from '../target.js';
import type { Op } from '../types.js';
import { encodeMachine } from './encode.js';
import { KeyText, keysInterchangeable } from './keys.js';
import { HMAP_FUNCTIONS, hmapEntry } from './functions.js';
import { brokenInvariant } from './invariants.js';
import { type FunctionTable, IDLE, type MState, nextLabel, startOp, step } from './machine.js';
import { makeHmap } from './state.js';
import { describeOp } from '../describe.js';

/** The plain map's operations: assign, access and delete per key, then range, clear and len. */
export function hmapAlphabet(keys: number, value: number): Op[] {
  const ops: Op[] = [];
  for (let k = 0; k < keys; k++) ops.push({ kind: 'assign', key: k, value });
  for (let k = 0; k < keys; k++) ops.push({ kind: 'access', key: k });
  for (let k = 0; k < keys; k++) ops.push({ kind: 'delete', key: k });
  ops.push({ kind: 'range' }, { kind: 'clear' }, { kind: 'len' });
  return ops;
}

/** A bucket's heap id at the front of a location name: 'b3.' in 'b3.tophash[0]'. */
const BUCKET_ID = /^b\d+\./;

/**
 * Go 1.19's runtime map as a target: a state machine over hmap and its buckets. `fns` is the
 * spec's functions; tests and the liveness tool (checker/liveness) pass variants of them.
 */
export function hmapTarget(cfg: MapConfig, fns: FunctionTable = HMAP_FUNCTIONS): Target<MState> {
  return {
    name: 'hmap',
    specVersion: 'hmap/go1.19.8/1',
    contract: 'race-free',
    range: 'snapshot',
    alphabet: hmapAlphabet,
    init: (c, goroutines) => ({ h: makeHmap(c.initialB, c.bucketCnt), gs: new Array(goroutines).fill(IDLE) }),
    idle: (s, g) => s.gs[g]!.op === null,
    start: (s, g, op: Op, opIndex) => startOp(cfg, fns, hmapEntry, s, g, op, opIndex),
    enabled: () => true,
    step: (s, g, detail) => step(cfg, fns, describeOp, s, g, detail),
    nextLabel: (s, g) => nextLabel(fns, s, g),
    broken: (s) => brokenInvariant(s.h, cfg),
    encode: (s, values, order, keys) => encodeMachine(fns, s, values, order, keys && new KeyText(cfg, keys)),
    keySymmetric: (keys) => keysInterchangeable(cfg, keys),
    halt: (s) => ({ h: s.h, gs: s.gs.map(() => IDLE) }),
    // A goroutine's steps read and write only its own state and the map; no step ever waits.
    runKey: (s, g) => ({ shared: [s.h], own: [g, s.gs[g]] }),
    spliceRun: (s, g, end) => {
      const gs = s.gs.slice();
      gs[g] = end.gs[g]!;
      return { h: end.h, gs };
    },
    locationClass: (loc) => loc.replace(BUCKET_ID, 'b.'),
  };
}

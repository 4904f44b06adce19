import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SMALL } from '../../spec/config.js';
import { rwmutexMapTarget } from '../../spec/guarded/index.js';
import { modelInit, modelStep, pairsKey } from '../../spec/model.js';
import { syncmapTarget } from '../../spec/syncmap/index.js';
import type { Target } from '../../spec/target.js';
import type { Op, OpResult } from '../../spec/types.js';
import { programArb, runProgram } from './run.js';

/**
 * Go's TestMapMatchesRWMutex, ported: the same random sequential programs give the same results
 * on the sync.Map spec, on the RWMutex-guarded map spec and on the sequential model. Range
 * results compare as sets (Go's order is random); sync.Map has no clear or len, so the programs
 * use the operations both offer.
 */
const KEYS = SMALL.hashes.length;
const COMMON = { assign: 8, access: 4, delete: 4, range: 1, len: 0, clear: 0 };

function results<S>(t: Target<S>, ops: Op[]): string[] {
  const { runs } = runProgram(t, SMALL, ops);
  expect(runs.every((r) => r.crash === undefined)).toBe(true);
  return runs.map((r) => show(r.result!));
}

function modelResults(ops: Op[]): string[] {
  let s = modelInit(KEYS);
  return ops.map((op) => {
    const r = modelStep(s, op);
    s = r.state;
    return show(r.result);
  });
}

function show(r: OpResult): string {
  return r.kind === 'pairs' ? `pairs ${pairsKey(r.pairs)}` : JSON.stringify(r);
}

describe('sync.Map, the RWMutex map and the model agree on sequential programs', () => {
  const syncmap = syncmapTarget(SMALL);
  const rwmap = rwmutexMapTarget(SMALL);
  it('on 1000 random programs of up to 50 operations', () => {
    fc.assert(fc.property(programArb(KEYS, { mix: COMMON }), (ops) => {
      const expected = modelResults(ops);
      expect(results(syncmap, ops)).toEqual(expected);
      expect(results(rwmap, ops)).toEqual(expected);
    }), { numRuns: 1000 });
  });
});

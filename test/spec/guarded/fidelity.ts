/**
 * Sequential fidelity of a guarded target (used by each target's test file): run by one
 * goroutine, every program behaves as the sequential model says, every invariant (the inner maps'
 * and the locks') holds between operations, and each operation's call and return sit on its first
 * and last step, which are lock steps. The inner maps must grow, or the property would skip the
 * plain map's hardest paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MapConfig, SMALL } from '../../../spec/config.js';
import { describeOp } from '../../../spec/describe.js';
import { liveCells } from '../../../spec/hmap/contents.js';
import { NIL } from '../../../spec/hmap/constants.js';
import { shardOf } from '../../../spec/guarded/shard.js';
import type { GuardedState } from '../../../spec/guarded/state.js';
import { modelInit } from '../../../spec/model.js';
import type { Op } from '../../../spec/types.js';
import { COLLIDE } from '../configs.js';
import { deepFreeze, expectLikeModel, programArb, runOp } from '../run.js';
import type { TargetCase } from './targets.js';

interface Coverage {
  /** Programs in which some inner map grew. */
  grew: number;
  /** Programs that left keys in more than one shard at once. */
  spread: number;
}

function checkProgram(tc: TargetCase, cfg: MapConfig, ops: readonly Op[], cov: Coverage): void {
  const t = tc.make(cfg);
  let s = deepFreeze(t.init(cfg, 1));
  let model = modelInit(cfg.hashes.length);
  let grew = false;
  let spread = false;
  for (const [i, op] of ops.entries()) {
    const where = `op ${i} (${describeOp(op)})`;
    const r = runOp(t, s, 0, op, i, (x: GuardedState<unknown>) => {
      // Every state a step is taken from is frozen: a spec that writes into it throws here.
      deepFreeze(x);
      if (x.maps.some((m) => m.h.oldbuckets !== NIL)) grew = true;
    });
    model = expectLikeModel(t, r, model, op, where);
    s = r.state;

    // Call and return belong to the guarded operation's first and last steps, both lock steps.
    const steps = r.steps;
    expect(steps.map((x) => x.call === true), `${where}: call flags`).toEqual(steps.map((_, j) => j === 0));
    expect(steps.map((x) => x.returns !== undefined), `${where}: return flags`).toEqual(steps.map((_, j) => j === steps.length - 1));
    expect(steps[0]!.label).toMatch(tc.firstLabels);
    expect(steps[steps.length - 1]!.label).toMatch(tc.lastLabels);
    expect(steps.every((x) => x.op === describeOp(op) && x.opIndex === i && x.goroutine === 0)).toBe(true);

    // The inner maps hold exactly the model's pairs, each key in its own shard.
    const shards = s.maps.length;
    const cells = s.maps.flatMap((m, shard) => liveCells(m.h).map((c) => [c.key, c.elem, shard] as const));
    const modelPairs = model.flatMap((v, k) => (v === 0 ? [] : [[k, v] as const]));
    expect(cells.map(([k, v]) => [k, v]).sort((a, b) => a[0]! - b[0]!), `${where}: contents`).toEqual(modelPairs);
    for (const [k, , shard] of cells) expect(shard, `${where}: k${k}'s shard`).toBe(shardOf(cfg, k, shards));
    if (s.maps.filter((m) => m.h.count > 0).length > 1) spread = true;
  }
  if (grew) cov.grew++;
  if (spread) cov.spread++;
}

const CONFIGS: Array<{ cfg: MapConfig; numRuns: number }> = [
  { cfg: SMALL, numRuns: 1000 },
  // Long collision chains and same-size grows inside the guarded map.
  { cfg: COLLIDE, numRuns: 200 },
];

/** The fidelity tests of one target: programs of up to 50 operations on SMALL, then COLLIDE. */
export function describeFidelity(tc: TargetCase): void {
  describe(`${tc.name}: sequential fidelity`, () => {
    it.each(CONFIGS)(`config $cfg.name: results are the model's, invariants hold ($numRuns programs)`, ({ cfg, numRuns }) => {
      const cov: Coverage = { grew: 0, spread: 0 };
      fc.assert(fc.property(programArb(cfg.hashes.length), (ops) => checkProgram(tc, cfg, ops, cov)), { numRuns });
      expect(cov.grew, 'some program grew an inner map').toBeGreaterThan(0);
      expect(cov.spread > 0, 'some program used two shards').toBe(tc.name === 'sharded-map');
    });
  });
}

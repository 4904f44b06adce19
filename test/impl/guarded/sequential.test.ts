/**
 * The guarded maps run sequentially are the spec's guarded targets: for random programs, every
 * operation's result is the sequential model's (spec/model.ts), the hook sees exactly the spec's
 * steps (lock steps and map steps, in order), and after each operation every shard's map and lock
 * are the spec's state.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { imageToHmap } from '../../../checker/conformance/image.js';
import { SharedMutexMap, SharedRWMutexMap, SharedShardedMap } from '../../../impl/guarded/index.js';
import type { GuardedImage } from '../../../impl/guarded/base.js';
import { describeOp } from '../../../spec/describe.js';
import { mutexMapTarget, rwmutexMapTarget, shardedMapTarget } from '../../../spec/guarded/index.js';
import type { GuardedState } from '../../../spec/guarded/state.js';
import { modelInit, modelStep, resultsMatch } from '../../../spec/model.js';
import type { MapConfig } from '../../../spec/config.js';
import type { Target } from '../../../spec/target.js';
import type { Op, OpResult } from '../../../spec/types.js';
import { programArb, runOp } from '../../spec/run.js';
import { CASES } from '../configs.js';

interface Subject {
  name: string;
  target(cfg: MapConfig): Target<GuardedState<unknown>>;
  make(cfg: MapConfig, hook: (label: string) => void): { run(op: Op): OpResult; inspect(): GuardedImage };
}

const SUBJECTS: Subject[] = [
  { name: 'mutex-map', target: (cfg) => mutexMapTarget(cfg) as Target<GuardedState<unknown>>, make: (cfg, hook) => SharedMutexMap.create(cfg, { hook }) },
  { name: 'rwmutex-map', target: (cfg) => rwmutexMapTarget(cfg) as Target<GuardedState<unknown>>, make: (cfg, hook) => SharedRWMutexMap.create(cfg, { hook }) },
  ...[1, 2, 3].map((shards): Subject => ({
    name: `sharded-map, ${shards} shard(s)`,
    target: (cfg) => shardedMapTarget(cfg, shards) as Target<GuardedState<unknown>>,
    make: (cfg, hook) => SharedShardedMap.create(cfg, { hook, shards }),
  })),
];

/** The implementation's lock words in the spec's terms (fields the spec does not keep must be 0). */
function specLock(lock: GuardedImage['locks'][number]): unknown {
  if ('w' in lock) {
    expect(lock.w.sema).toBe(0);
    return { w: { state: lock.w.state }, writerSem: lock.writerSem, readerSem: lock.readerSem, readerCount: lock.readerCount, readerWait: lock.readerWait };
  }
  expect(lock.sema).toBe(0);
  return { state: lock.state };
}

describe.each(SUBJECTS)('$name run sequentially', (subject) => {
  it.each(CASES)('is the spec and the model under $cfg.name', ({ cfg, mix, maxLength }) => {
    const t = subject.target(cfg);
    fc.assert(fc.property(programArb(cfg.hashes.length, { maxLength, mix }), (ops) => {
      let seen: string[] = [];
      const m = subject.make(cfg, (label) => seen.push(label));
      let s = t.init(cfg, 1);
      let model = modelInit(cfg.hashes.length);
      for (const [i, op] of ops.entries()) {
        const where = `op ${i} (${describeOp(op)})`;
        seen = [];
        const got = m.run(op);
        const want = modelStep(model, op);
        model = want.state;
        expect(resultsMatch(want.result, got), `${where}: ${JSON.stringify(got)}`).toBe(true);
        const spec = runOp(t, s, 0, op, i);
        s = spec.state;
        expect(seen, where).toEqual(spec.steps.map((x) => x.label));
        const image = m.inspect();
        image.maps.forEach((img, shard) => {
          const h = imageToHmap(img);
          // Cheap first, the full comparison only when it fails, for a readable diff.
          if (!isDeepStrictEqual(h, s.maps[shard]!.h)) expect(h, `${where}, shard ${shard}`).toEqual(s.maps[shard]!.h);
        });
        expect(image.locks.map(specLock), where).toEqual(s.locks);
      }
    }), { numRuns: 15 });
  });
});

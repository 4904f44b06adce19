/** Bad stress options are one line saying what to do, thrown before any worker starts. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../checker/cli/errors.js';
import { resolveStressOptions, StressInputError } from '../../../checker/stress/options.js';
import { runStress } from '../../../checker/stress/run.js';

describe('stress options', () => {
  it('fills in the defaults: 2 workers, seed 1, 4 keys, config small, rounds of 200, the balanced mix', () => {
    const o = resolveStressOptions({ target: 'hmap', ops: 10 });
    expect({ ...o, config: o.config.name, mix: undefined }).toEqual({
      target: 'hmap', ops: 10, workers: 2, seed: 1, keys: 4, config: 'small', roundOps: 200, mixName: 'balanced', mix: undefined,
    });
  });

  it.each([
    [{ ops: 0 }, '--ops must be a whole number ≥ 1 (got 0)'],
    [{ ops: 2.5 }, '--ops must be a whole number ≥ 1 (got 2.5)'],
    [{ workers: 0 }, '--workers must be a whole number from 1 to 8 (got 0)'],
    [{ workers: 9 }, '--workers must be a whole number from 1 to 8 (got 9)'],
    [{ seed: -1 }, '--seed must be a whole number from 0 to 4294967295 (got -1)'],
    [{ keys: 5 }, '--keys must be a whole number from 1 to 4 (got 5)'],
    [{ roundOps: 0 }, '--round-ops must be a whole number from 1 to 10000 (got 0)'],
    [{ config: 'huge' }, 'unknown config "huge" (known: small, go)'],
    [{ config: 'toString' }, 'unknown config "toString" (known: small, go)'],
    [{ mix: 'odd' }, 'unknown mix "odd" (known: balanced, read-mostly)'],
    [{ target: 'treap' }, 'unknown stress target "treap" (known: hmap, mutex-map, rwmutex-map, sharded-map, syncmap)'],
    [{ target: 'syncmap', shards: 2 }, '--shards applies to sharded-map only, not syncmap'],
    [{ target: 'syncmap', mix: 'odd' }, 'unknown mix "odd" (known: balanced, read-mostly)'],
    [{ shards: 2 }, '--shards applies to sharded-map only, not hmap'],
    [{ target: 'sharded-map', shards: 0 }, '--shards must be a whole number from 1 to 16 (got 0)'],
  ])('rejects %o', (bad, message) => {
    const attempt = () => resolveStressOptions({ target: 'hmap', ops: 10, ...bad });
    expect(attempt).toThrow(StressInputError);
    expect(attempt).toThrow(UsageError); // so the CLI exits 2 with this one line
    expect(attempt).toThrow(message);
    expect(message).not.toContain('\n');
  });

  it('takes the safe maps, with the spec\'s 2 shards for the sharded one unless asked otherwise', () => {
    expect(resolveStressOptions({ target: 'mutex-map', ops: 10 })).toMatchObject({ target: 'mutex-map', workers: 2 });
    expect(resolveStressOptions({ target: 'mutex-map', ops: 10 }).shards).toBeUndefined();
    expect(resolveStressOptions({ target: 'sharded-map', ops: 10 }).shards).toBe(2);
    expect(resolveStressOptions({ target: 'sharded-map', ops: 10, shards: 5 }).shards).toBe(5);
  });

  it("takes sync.Map, with mixes of its own: its operations, and no clear or len", () => {
    const o = resolveStressOptions({ target: 'syncmap', ops: 10, mix: 'read-mostly' });
    expect(o).toMatchObject({ target: 'syncmap', mixName: 'read-mostly' });
    expect(Object.keys(o.mix)).toEqual(expect.arrayContaining(['loadOrStore', 'loadAndDelete', 'range-delete', 'range-store']));
    expect(o.mix).not.toHaveProperty('clear');
    expect(o.mix).not.toHaveProperty('len');
  });

  it('rejects in runStress before starting a worker', async () => {
    await expect(runStress({ target: 'hmap', ops: 10, workers: 99 }, { onWorker: () => expect.unreachable() })).rejects.toThrow(StressInputError);
  });
});

import { describe, expect, it } from 'vitest';
import { SMALL } from '../../../spec/config.js';
import { KNOWN_TARGETS } from '../../../checker/cli/targets.js';
import { makeTarget, targetNames } from '../../../checker/run/targets.js';
import { explore } from '../../../checker/explore/search.js';
import { DEFAULT_SHARDS } from '../../../spec/guarded/index.js';

describe('makeTarget', () => {
  it('knows exactly the targets the CLI accepts', () => {
    expect(targetNames()).toEqual([...KNOWN_TARGETS]);
  });

  it('builds a target under its own name, and nothing for other names', () => {
    expect(makeTarget('hmap', SMALL)?.name).toBe('hmap');
    expect(makeTarget('nope', SMALL)).toBeUndefined();
    expect(makeTarget('toString', SMALL)).toBeUndefined();
  });

  it('gives the sharded map the shard count asked for, and no other target one', () => {
    const sharded = (s?: number) => explore(makeTarget('sharded-map', SMALL, undefined, s)!, { depth: 2, goroutines: 2, keys: 2, cfg: SMALL });
    expect(sharded(undefined).states).toBe(sharded(DEFAULT_SHARDS).states);
    expect(new Set([1, 2, 3].map((s) => sharded(s).states)).size).toBe(3);
    expect(makeTarget('hmap', SMALL, undefined, 2)).toBeUndefined();
    expect(makeTarget('sharded-map', SMALL, undefined, 0)).toBeUndefined();
  });
});

/** The maps a stress worker attaches to: the plain map by its one buffer, a guarded map by its lock and map buffers. */
import { describe, expect, it } from 'vitest';
import { SharedGoMap } from '../../../impl/hmap/index.js';
import { attachStressMap, createSafeMap, isSafeStressTarget, isStressTarget, SAFE_STRESS_TARGETS } from '../../../impl/stress/targets.js';
import { SMALL } from '../../../spec/config.js';

describe('stress targets', () => {
  it('are the plain map and the three safe maps; sync.Map is not one yet', () => {
    expect(['hmap', ...SAFE_STRESS_TARGETS].every(isStressTarget)).toBe(true);
    expect(isStressTarget('syncmap')).toBe(false);
    expect(isSafeStressTarget('hmap')).toBe(false);
  });

  it.each(SAFE_STRESS_TARGETS)('%s: what the main thread made is what a worker attaches to', (target) => {
    const made = createSafeMap(target, SMALL, { arenaBuckets: 64, shards: target === 'sharded-map' ? 3 : undefined });
    made.assign(2, 5);
    const seen = attachStressMap(target, SMALL, made.buffer);
    expect(seen.access(2)).toEqual({ value: 5, ok: true });
    expect([...seen.range()]).toEqual([[2, 5]]);
    expect(() => attachStressMap('hmap', SMALL, made.buffer)).toThrow('the plain map is posted as one SharedArrayBuffer');
  });

  it('attaches the plain map by its buffer, and refuses it for a guarded target', () => {
    const m = SharedGoMap.create(SMALL);
    m.assign(1, 9);
    expect(attachStressMap('hmap', SMALL, m.buffer).len()).toBe(1);
    expect(() => attachStressMap('mutex-map', SMALL, m.buffer)).toThrow('a mutex-map is posted as its lock and map buffers');
  });
});

/** The maps a stress worker attaches to: the plain map by its one buffer, a guarded map by its lock and map buffers. */
import { describe, expect, it } from 'vitest';
import { SharedGoMap } from '../../../impl/hmap/index.js';
import { SharedSyncMap } from '../../../impl/syncmap/map.js';
import { attachStressMap, attachSyncStressMap, createSafeMap, isSafeStressTarget, isStressTarget, SAFE_STRESS_TARGETS } from '../../../impl/stress/targets.js';
import { SMALL } from '../../../spec/config.js';

describe('stress targets', () => {
  it('are the plain map, the three guarded maps and sync.Map, every one but the plain map safe', () => {
    expect(['hmap', ...SAFE_STRESS_TARGETS, 'syncmap'].every(isStressTarget)).toBe(true);
    expect([...SAFE_STRESS_TARGETS, 'syncmap'].every(isSafeStressTarget)).toBe(true);
    expect(isSafeStressTarget('hmap')).toBe(false);
    expect(isStressTarget('treap')).toBe(false);
  });

  it('attaches sync.Map by its one buffer: what the main thread stored, a worker loads', () => {
    const made = SharedSyncMap.create(SMALL);
    made.store(3, 8);
    expect(attachSyncStressMap(SMALL, made.buffer).load(3)).toEqual({ value: 8, ok: true });
    const guarded = createSafeMap('mutex-map', SMALL, { arenaBuckets: 64 });
    expect(() => attachSyncStressMap(SMALL, guarded.buffer)).toThrow('a sync.Map is posted as one SharedArrayBuffer');
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

import { describe, expect, it } from 'vitest';
import { parseCheckArgs } from '../../../checker/cli/options.js';
import { exploreParallel, idleSearchThreads } from '../../../checker/explore/parallel.js';
import { startTogether } from '../../../checker/explore/parallel-share.js';
import { fingerprint } from '../../../checker/explore/fingerprints.js';
import { type Bounds, initialNode, nodeKey, successors } from '../../../checker/explore/node.js';
import { explore } from '../../../checker/explore/search.js';
import { targetOptions } from '../../../checker/run/auto-bound.js';
import { prepareTarget } from '../../../checker/run/check-target.js';
import type { MapConfig } from '../../../spec/config.js';
import type { Target } from '../../../spec/target.js';

/**
 * The states one search stored and the other did not, as "single: <key>" or "parallel: <key>"
 * (keys found by walking every state from the start; a fingerprint whose key the walk does not
 * meet is given as its three words).
 */
function storedByOneOnly(target: Target<unknown>, cfg: MapConfig, b: Bounds, single: Uint32Array, parallel: Uint32Array): string[] {
  const words = (t: Uint32Array): Set<string> => new Set(Array.from({ length: t.length / 3 }, (_, i) => `${t[3 * i]}.${t[3 * i + 1]}.${t[3 * i + 2] || 1}`));
  const inSingle = words(single);
  const inParallel = words(parallel);
  const only = [...[...inSingle].filter((w) => !inParallel.has(w)).map((w) => ['single', w]), ...[...inParallel].filter((w) => !inSingle.has(w)).map((w) => ['parallel', w])];
  if (only.length === 0) return [];
  const keys = new Map<string, string>();
  const walked = new Map<string, number>();
  const stack = [initialNode(target, cfg, b)];
  while (stack.length > 0 && keys.size < 1_000_000) {
    const n = stack.pop()!;
    const key = nodeKey(target, b, n);
    const [x, y, z] = fingerprint(key);
    const w = `${x >>> 0}.${y >>> 0}.${(z >>> 0) || 1}`;
    // A state met again with more operations left to start may reach more: walked again then.
    if ((walked.get(w) ?? -1) >= b.depth - n.ops) continue;
    walked.set(w, b.depth - n.ops);
    keys.set(w, key);
    for (const s of successors(target, b, n)) stack.push(s.node);
  }
  return only.map(([who, w]) => `${who}: ${keys.get(w!) ?? w}`);
}

function options(args: string[]) {
  const p = parseCheckArgs(args);
  if (!p.ok) throw new Error(p.error);
  return targetOptions(p.options, p.options.target, () => {});
}

// Real worker threads sharing one visited set: the search's findings must not depend on which
// thread meets a state first.
describe('exploreParallel', () => {
  it.each([
    ['--target', 'hmap', '--depth', '2'],
    ['--target', 'hmap', '--depth', '3'], // past its reach: two operations in full, longer ones with one preemption
    ['--target', 'syncmap', '--depth', '3'],
    ['--target', 'sharded-map', '--depth', '3', '--shards', '3'],
    ['--target', 'rwmutex-map', '--depth', '3', '--goroutines', '3', '--keys', '1'],
  ])('finds what the single-threaded search finds: %s %s %s %s', async (...args) => {
    const o = options(args);
    const { target, cfg, bounds } = prepareTarget(o);
    const one = explore(target, { ...bounds, cfg });
    const split = await exploreParallel(o, 2);
    // How often a state was explored depends on which thread met it first; nothing else may.
    expect({ ...split, visitedBytes: 0, explored: 0, handedOver: 0 }).toEqual({ ...one, visitedBytes: 0, explored: 0, handedOver: 0 });
    expect(split.explored).toBeGreaterThanOrEqual(split.states);
  }, 60_000);

  // Participants that hand states over after every state they explore: a handed-over state is
  // a copy that crossed threads, and must lead where the original would.
  it.each([
    ['--target', 'syncmap', '--depth', '3'],
    ['--target', 'rwmutex-map', '--depth', '3', '--goroutines', '3', '--keys', '1'],
    ['--target', 'hmap', '--depth', '3'],
  ])('finds the same handing over states as often as it can: %s %s %s %s', async (...args) => {
    const o = options(args);
    const { target, cfg, bounds } = prepareTarget(o);
    const { fingerprints, ...one } = explore(target, { ...bounds, cfg, fingerprints: true });
    const { visitedFingerprints, ...split } = await exploreParallel(o, 3, undefined, { donateEvery: 1, fingerprints: true });
    // Under heavy load this once stored fewer states than the single search (the mailbox ended the
    // search while a participant was taking a posting; see mailbox.ts): the message names them.
    expect(storedByOneOnly(target, cfg, bounds, fingerprints!.visited, visitedFingerprints!)).toEqual([]);
    expect({ ...split, visitedBytes: 0, explored: 0, handedOver: 0 }).toEqual({ ...one, visitedBytes: 0, explored: 0, handedOver: 0 });
    expect(split.handedOver).toBeGreaterThan(0);
  }, 60_000);
});

describe('the search threads kept between searches', () => {
  const o = options(['--target', 'syncmap', '--depth', '2']);

  it('are used again by the next search, which finds the same', async () => {
    const first = await exploreParallel(o, 2);
    const kept = idleSearchThreads().map((w) => w.threadId);
    expect(kept.length).toBeGreaterThan(0);
    const second = await exploreParallel(o, 2);
    expect(idleSearchThreads().map((w) => w.threadId)).toEqual(kept);
    expect({ ...second, explored: 0, handedOver: 0 }).toEqual({ ...first, explored: 0, handedOver: 0 });
  }, 60_000);

  it('leave the pool when they end while idle, and the next search starts a fresh one', async () => {
    await exploreParallel(o, 2);
    const idle = idleSearchThreads();
    await Promise.all(idle.map((w) => w.terminate()));
    expect(idleSearchThreads()).toEqual([]);
    const r = await exploreParallel(o, 2);
    expect(r.states).toBe(explore(prepareTarget(o).target, { ...prepareTarget(o).bounds, cfg: prepareTarget(o).cfg }).states);
    const fresh = idleSearchThreads().map((w) => w.threadId);
    expect(fresh).toHaveLength(1);
    expect(idle.map((w) => w.threadId)).not.toContain(fresh[0]);
  }, 60_000);
});

describe('startTogether', () => {
  const noneAbsent = (): never => {
    throw new Error('nobody is absent here');
  };

  it('lets the last participant to be ready through at once', () => {
    const control = new Int32Array(new SharedArrayBuffer(12));
    Atomics.store(control, 1, 2);
    const t0 = performance.now();
    expect(startTogether(control, 3, noneAbsent, 5_000)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(Atomics.load(control, 1)).toBe(3);
  });

  it('starts without a participant that never comes, after the wait, and leaves out one that comes too late', () => {
    const control = new Int32Array(new SharedArrayBuffer(12));
    const absent: number[] = [];
    const t0 = performance.now();
    expect(startTogether(control, 3, (n) => absent.push(n), 100)).toBe(true);
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(95);
    expect(Atomics.load(control, 1)).toBe(1);
    expect(absent).toEqual([2]);
    // The second comes once the first has gone: it takes no part, and nobody is counted absent again.
    expect(startTogether(control, 3, noneAbsent, 100)).toBe(false);
  });
});

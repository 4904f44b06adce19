/**
 * How a safe map's round is judged, on histories built by hand and final maps made by running the
 * real map: a correct round passes, and each way a round can break a safe map's promise is named,
 * with an excerpt of the history pointing at the culprit.
 */
import { describe, expect, it } from 'vitest';
import { judgeSafeRound } from '../../../checker/stress/judge.js';
import { SharedMutexMap, SharedRWMutexMap, SharedShardedMap } from '../../../impl/guarded/index.js';
import { LOCKS_BASE } from '../../../impl/guarded/base.js';
import type { LoggedError, LoggedOp, RoundLog } from '../../../impl/stress/log.js';
import { SharedMutex } from '../../../impl/sync/mutex.js';
import { SMALL } from '../../../spec/config.js';
import type { Op, OpResult } from '../../../spec/types.js';

const KEYS = 4;
const NONE: OpResult = { kind: 'none' };
const set = (key: number, value: number): Op => ({ kind: 'assign', key, value });
const get = (key: number): Op => ({ kind: 'access', key });
const got = (value: number, ok = true): OpResult => ({ kind: 'value', value, ok });
const RANGE: Op = { kind: 'range' };
const pairs = (...ps: Array<[number, number]>): OpResult => ({ kind: 'pairs', pairs: ps });

/** One worker's operations: [op, call, ret, result] or [op, call, error]. */
function worker(...ops: Array<[Op, number, number, OpResult] | [Op, number, LoggedError]>): LoggedOp[] {
  return ops.map((o, index) => (typeof o[2] === 'number' ? { index, op: o[0], call: o[1], ret: o[2], result: o[3]! } : { index, op: o[0], call: o[1], error: o[2] }));
}

/** A mutex-map after the given assigns, one after another. */
function mutexMap(...assigns: Array<[number, number]>): SharedMutexMap {
  const m = SharedMutexMap.create(SMALL);
  for (const [k, v] of assigns) m.assign(k, v);
  return m;
}

describe('judgeSafeRound', () => {
  it('passes a round whose overlapping operations some order explains', () => {
    // The read overlaps the write and saw nothing: it took effect first.
    const log: RoundLog = { workers: [worker([set(0, 1), 0, 3, NONE]), worker([get(0), 1, 2, got(0, false)], [get(0), 4, 5, got(1)])] };
    expect(judgeSafeRound(log, mutexMap([0, 1]).inspect(), SMALL, KEYS, 'snapshot')).toEqual({ class: 'ok' });
  });

  it('reports a stale read, after the write it missed had returned, as a violation, with the history around it', () => {
    const log: RoundLog = { workers: [worker([set(0, 1), 0, 1, NONE], [set(0, 2), 2, 3, NONE]), worker([get(0), 4, 5, got(1)])] };
    const v = judgeSafeRound(log, mutexMap([0, 2]).inspect(), SMALL, KEYS, 'snapshot');
    expect(v.class).toBe('violation');
    if (v.class !== 'violation') return;
    expect(v.detail).toMatch(/^not linearizable: v, ok := m\[k0\] .*returned \(v1, true\)/);
    expect(v.excerpt[0]).toMatch(/^ {2}\[0, 1\] +worker 0 +m\[k0\] = v1 → —$/);
    expect(v.excerpt.filter((l) => l.startsWith('>'))).toEqual([expect.stringMatching(/^> \[4, 5\] +worker 1 +v, ok := m\[k0\] → \(v1, true\)$/)]);
  });

  it('reports a write that returned but is missing from the final map', () => {
    const log: RoundLog = { workers: [worker([set(2, 1), 0, 1, NONE]), worker([set(3, 2), 2, 3, NONE])] };
    const v = judgeSafeRound(log, mutexMap([3, 2]).inspect(), SMALL, KEYS, 'snapshot');
    expect(v).toMatchObject({ class: 'violation', detail: expect.stringMatching(/^not linearizable: .*m\[k2\]/) });
    if (v.class === 'violation') expect(v.excerpt.find((l) => l.startsWith('>'))).toMatch(/after round +v, ok := m\[k2\] → \(0, false\)/);
  });

  it('reports an operation that threw: inside the lock, Go would have crashed on a race', () => {
    const log: RoundLog = { workers: [worker([set(0, 1), 0, { kind: 'fatal', message: 'concurrent map writes', at: 2 }]), worker([set(1, 2), 1, 3, NONE])] };
    const v = judgeSafeRound(log, mutexMap([1, 2]).inspect(), SMALL, KEYS, 'snapshot');
    expect(v).toMatchObject({ class: 'violation', detail: "worker 0's operation 0 (m[k0] = v1) threw fatal: concurrent map writes" });
    if (v.class === 'violation') expect(v.excerpt[0]).toMatch(/^> \[0, …\] +worker 0 +m\[k0\] = v1 → never returned$/);
  });

  it('reports a lock left held after the round', () => {
    const m = mutexMap([0, 1]);
    new SharedMutex(new Int32Array(m.buffer.locks), LOCKS_BASE).lock();
    const log: RoundLog = { workers: [worker([set(0, 1), 0, 1, NONE])] };
    expect(judgeSafeRound(log, m.inspect(), SMALL, KEYS, 'snapshot')).toEqual({
      class: 'violation', detail: 'lock after the round: mutex unlocked when idle does not hold', excerpt: [],
    });
  });

  it("reports a final map whose count disagrees with its keys, naming the shard", () => {
    const m = SharedShardedMap.create(SMALL, { shards: 2 });
    m.assign(0, 1);
    const image = m.inspect();
    image.maps[0] = { ...image.maps[0]!, count: 2 };
    const log: RoundLog = { workers: [worker([set(0, 1), 0, 1, NONE])] };
    expect(judgeSafeRound(log, image, SMALL, KEYS, 'contract')).toMatchObject({ class: 'violation', detail: "shard 0's final map: count equals live keys does not hold (count 2)" });
  });

  it("judges a range by the mode given: a sharded range that misses a key is no snapshot, but keeps sync.Map's rule", () => {
    // k0 is written, then k1; the range, overlapping both, saw k1 and not k0: no single moment looked like that.
    const log: RoundLog = { workers: [worker([RANGE, 0, 9, pairs([1, 2])]), worker([set(0, 1), 1, 2, NONE], [set(1, 2), 3, 4, NONE])] };
    const m = SharedRWMutexMap.create(SMALL);
    m.assign(0, 1);
    m.assign(1, 2);
    expect(judgeSafeRound(log, m.inspect(), SMALL, KEYS, 'contract')).toEqual({ class: 'ok' });
    expect(judgeSafeRound(log, m.inspect(), SMALL, KEYS, 'snapshot')).toMatchObject({ class: 'violation' });
  });
});

/**
 * How a sync.Map stress round is judged, on histories built by hand and final maps made by running
 * the real SharedSyncMap: a correct round passes (nested calls of a Range's callback included),
 * and a read no order explains, a Range that breaks its rule, an operation that threw and a final
 * map that breaks the spec's invariants are each a violation.
 */
import { describe, expect, it } from 'vitest';
import { brokenFinalInvariant, imageMem, judgeSyncRound } from '../../../checker/stress/sync-judge.js';
import type { LoggedOp, NestedOp, RoundLog } from '../../../impl/stress/log.js';
import type { SyncMapImage } from '../../../impl/syncmap/image.js';
import { SharedSyncMap } from '../../../impl/syncmap/map.js';
import { SMALL } from '../../../spec/config.js';
import type { Op, OpResult } from '../../../spec/types.js';

const KEYS = 4;
const NONE: OpResult = { kind: 'none' };
const store = (key: number, value: number): Op => ({ kind: 'assign', key, value });
const load = (key: number): Op => ({ kind: 'access', key });
const got = (value: number, ok = true): OpResult => ({ kind: 'value', value, ok });
const pairs = (...ps: Array<[number, number]>): OpResult => ({ kind: 'pairs', pairs: ps });

/** One worker's operations: [op, call, ret, result, nested calls?]. */
function worker(...ops: Array<[Op, number, number, OpResult, NestedOp[]?]>): LoggedOp[] {
  return ops.map(([op, call, ret, result, nested], index) => ({ index, op, call, ret, result, ...(nested ? { nested } : {}) }));
}

/** The real map after running `ops` one after another. */
function finalImage(...ops: Op[]): SyncMapImage {
  const m = SharedSyncMap.create(SMALL);
  for (const op of ops) m.run(op);
  return m.inspect();
}

describe('judgeSyncRound', () => {
  // Worker 1's Range deletes each key it visits: its Delete is an operation of its own, inside the Range.
  const rangeDelete: RoundLog = {
    workers: [
      worker([store(0, 1), 0, 1, NONE]),
      worker([{ kind: 'range', body: 'delete' }, 2, 5, pairs([0, 1]), [{ op: { kind: 'delete', key: 0 }, call: 3, ret: 4 }]]),
    ],
  };

  it("passes a round whose Range callback's Delete took its key out, as the final map shows", () => {
    expect(judgeSyncRound(rangeDelete, finalImage(store(0, 1), { kind: 'delete', key: 0 }), KEYS)).toEqual({ class: 'ok' });
  });

  it("reports a final map that still holds the key the callback's Delete removed, naming the nested call in the excerpt", () => {
    const v = judgeSyncRound(rangeDelete, finalImage(store(0, 1)), KEYS);
    expect(v).toMatchObject({ class: 'violation', detail: expect.stringMatching(/^not linearizable: .*k0/) });
    if (v.class !== 'violation') return;
    expect(v.excerpt).toContainEqual(expect.stringMatching(/^ {2}\[3, 4\] +worker 1 in Range +m\.Delete\(k0\) → —$/));
    expect(v.excerpt.find((l) => l.startsWith('>'))).toMatch(/after round +m\.Load\(k0\) → \(v1, true\)$/);
  });

  it('reports a Load that returns a value nobody stored', () => {
    const log: RoundLog = { workers: [worker([store(1, 1), 0, 1, NONE]), worker([load(1), 2, 3, got(7)])] };
    const v = judgeSyncRound(log, finalImage(store(1, 1)), KEYS);
    expect(v).toMatchObject({ class: 'violation', detail: expect.stringMatching(/^not linearizable: .*returned \(v7, true\)/) });
    if (v.class === 'violation') expect(v.excerpt.find((l) => l.startsWith('>'))).toMatch(/^> \[2, 3\] +worker 1 +m\.Load\(k1\) → \(v7, true\)$/);
  });

  it('reports a Range that skips a key present and untouched throughout it (its rule, clause c)', () => {
    const log: RoundLog = { workers: [worker([store(2, 1), 0, 1, NONE]), worker([{ kind: 'range' }, 2, 3, pairs()])] };
    const v = judgeSyncRound(log, finalImage(store(2, 1)), KEYS);
    expect(v).toMatchObject({ class: 'violation', detail: expect.stringMatching(/\(c\) it skips k2/) });
  });

  it('passes a Range that saw a later Store but not an earlier one: no snapshot, but its rule allows it', () => {
    // k3 was stored before k2, so no single moment held k2 without k3; both were written during the Range.
    const log: RoundLog = { workers: [worker([store(3, 1), 1, 2, NONE], [store(2, 2), 3, 4, NONE]), worker([{ kind: 'range' }, 0, 5, pairs([2, 2])])] };
    expect(judgeSyncRound(log, finalImage(store(3, 1), store(2, 2)), KEYS)).toEqual({ class: 'ok' });
  });

  it("reports an operation that threw, spelled as sync.Map's method", () => {
    const log: RoundLog = {
      workers: [[{ index: 0, op: store(0, 1), call: 0, error: { kind: 'other', message: 'LockTimeoutError: mu still locked', at: 2 } }], worker([load(0), 1, 3, got(0, false)])],
    };
    const v = judgeSyncRound(log, finalImage(), KEYS);
    expect(v).toMatchObject({ class: 'violation', detail: "worker 0's operation 0 (m.Store(k0, v1)) threw other: LockTimeoutError: mu still locked" });
  });

  it('reports a final map whose invariants do not hold', () => {
    const log: RoundLog = { workers: [worker([store(0, 1), 0, 1, NONE])] };
    const amendedWithoutDirty: SyncMapImage = { read: { m: [[0, { value: 1 }]], amended: true }, dirty: null, misses: 0, locked: false };
    expect(judgeSyncRound(log, amendedWithoutDirty, KEYS)).toEqual({ class: 'violation', detail: 'final map: I3 read.amended iff dirty is not nil does not hold', excerpt: [] });
    expect(judgeSyncRound(log, { ...finalImage(store(0, 1)), locked: true }, KEYS)).toMatchObject({ detail: 'final map: mu is free when no operation runs does not hold' });
  });
});

describe('the final map in the spec terms', () => {
  // Store, a Load that misses and promotes dirty, Delete (nil in read), then a Store of a new key:
  // dirtyLocked copies read.m, expunging k0, and dirty gets k1.
  const expunging = [store(0, 1), load(0), { kind: 'delete', key: 0 } as Op, store(1, 2)];

  it('holds every state invariant after a real run, with an expunged entry and a dirty map', () => {
    const img = finalImage(...expunging);
    expect(img.read?.m).toEqual([[0, 'expunged']]);
    expect(img.dirty).toEqual([[1, { value: 2 }, false]]);
    expect(brokenFinalInvariant(img)).toBeUndefined();
  });

  it("gives a dirty entry shared with read.m read.m's very entry, as Go's pointers are", () => {
    const img = finalImage(store(0, 1), load(0), store(1, 2));
    const mem = imageMem(img);
    expect(img.dirty).toContainEqual([0, { value: 1 }, true]);
    expect(mem.maps[mem.dirty]).toContainEqual([0, mem.maps[mem.readOnlys[mem.read]!.m]!.find(([k]) => k === 0)![1]]);
    expect(brokenFinalInvariant(img)).toBeUndefined();
  });

  it('names the invariant an expunged entry in dirty breaks', () => {
    const img = finalImage(...expunging);
    expect(brokenFinalInvariant({ ...img, dirty: [...img.dirty!, [0, 'expunged', true]] })).toBe('I5 expunged entries are in read.m only, while dirty is not nil');
  });
});

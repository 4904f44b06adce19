/**
 * How a round is judged, on hand-made logs and final maps: no workers, so each class and kind of
 * silent damage can be shown on purpose.
 */
import { describe, expect, it } from 'vitest';
import { classifyRound, SILENT, StressBugError } from '../../../checker/stress/classify.js';
import { isRacy } from '../../../checker/stress/history.js';
import { SharedGoMap } from '../../../impl/hmap/index.js';
import type { LoggedError, LoggedOp, RoundLog } from '../../../impl/stress/log.js';
import { SMALL } from '../../../spec/config.js';
import type { Op, OpResult } from '../../../spec/types.js';

const KEYS = 4;
const NONE: OpResult = { kind: 'none' };
const set = (key: number, value: number): Op => ({ kind: 'assign', key, value });
const get = (key: number): Op => ({ kind: 'access', key });
const got = (value: number, ok = true): OpResult => ({ kind: 'value', value, ok });

/** One worker's operations: [op, call, ret, result] or [op, call, error]. */
function worker(...ops: Array<[Op, number, number, OpResult] | [Op, number, LoggedError]>): LoggedOp[] {
  return ops.map((o, index) => (typeof o[2] === 'number' ? { index, op: o[0], call: o[1], ret: o[2], result: o[3]! } : { index, op: o[0], call: o[1], error: o[2] }));
}

/** The final map after running `ops` on a fresh one, one after another. */
function finalMap(...ops: Array<[number, number]>) {
  const m = SharedGoMap.create(SMALL);
  for (const [k, v] of ops) m.assign(k, v);
  return m.inspect();
}

const classify = (log: RoundLog, image = finalMap()) => classifyRound(log, image, SMALL, KEYS);

describe('classifyRound', () => {
  it('calls a sequential round with matching results harmless, and not racy', () => {
    const log = { workers: [worker([set(0, 1), 0, 1, NONE], [get(0), 2, 3, got(1)])] };
    expect(classify(log, finalMap([0, 1]))).toEqual({ class: 'harmless', outcome: 'harmless', kinds: [], racy: false });
  });

  it('calls overlapping operations racy, and harmless when some order explains them', () => {
    // The read overlaps the write and saw nothing: it took effect first.
    const log = { workers: [worker([set(0, 1), 0, 3, NONE]), worker([get(0), 1, 2, got(0, false)])] };
    expect(classify(log, finalMap([0, 1]))).toMatchObject({ class: 'harmless', racy: true });
  });

  it('finds a wrong read: a value no order of the round explains', () => {
    const log = { workers: [worker([set(0, 1), 0, 3, NONE]), worker([get(0), 1, 2, got(5)])] };
    const v = classify(log, finalMap([0, 1]));
    expect(v).toMatchObject({ class: 'silent', outcome: `silent: ${SILENT.wrongRead}`, kinds: [SILENT.wrongRead] });
    expect(v.detail).toMatch(/^v, ok := m\[k0\] .* returned \(v5, true\)/);
  });

  it('finds a lost key: a write that returned, missing from the final map', () => {
    const log = { workers: [worker([set(2, 1), 0, 1, NONE]), worker([set(3, 2), 2, 3, NONE])] };
    const v = classify(log, finalMap([3, 2]));
    expect(v).toMatchObject({ class: 'silent', outcome: `silent: ${SILENT.lostKey}` });
    expect(v.detail).toContain('lacks k2');
  });

  it('finds a lost write: the final map holds a value a later write replaced', () => {
    const log = { workers: [worker([set(1, 1), 0, 1, NONE], [set(1, 2), 2, 3, NONE])] };
    expect(classify(log, finalMap([1, 1]))).toMatchObject({ class: 'silent', outcome: `silent: ${SILENT.lostWrite}` });
  });

  it('finds a lost count: count disagrees with the live keys', () => {
    const log = { workers: [worker([set(0, 1), 0, 1, NONE])] };
    const image = { ...finalMap([0, 1]), count: 2 };
    expect(classify(log, image)).toMatchObject({ class: 'silent', outcome: `silent: ${SILENT.lostCount}`, kinds: [SILENT.lostCount] });
  });

  it("names a crash by Go's text, the earliest one if two workers crashed", () => {
    const log = {
      workers: [
        worker([set(0, 1), 0, { kind: 'throw', message: 'bad map state', at: 4 }]),
        worker([set(1, 2), 1, { kind: 'fatal', message: 'concurrent map writes', at: 2 }]),
      ],
    };
    const v = classify(log);
    expect(v).toMatchObject({ class: 'fatal', outcome: 'fatal: concurrent map writes', racy: true });
    expect(v.detail).toBe("worker 1's operation 0 (m[k1] = v2)");
    expect(v.wrongReadBeforeCrash).toBeUndefined();
  });

  it('notes a wrong read that returned before the crashing operation was called', () => {
    const log = {
      workers: [
        worker([set(0, 1), 0, 1, NONE], [get(0), 2, 3, got(7)]),
        worker([set(1, 2), 4, { kind: 'fatal', message: 'concurrent map writes', at: 5 }]),
      ],
    };
    expect(classify(log).wrongReadBeforeCrash).toMatch(/returned \(v7, true\)/);
  });

  it('counts a wild access and a full arena as silent: Go would not have noticed either', () => {
    const wild = { workers: [worker([get(0), 0, { kind: 'wild', message: 'bucket access inside its allocation', at: 1 }])] };
    expect(classify(wild)).toMatchObject({ class: 'silent', outcome: 'silent: corrupt: bucket access inside its allocation' });
    const arena = { workers: [worker([set(0, 1), 0, { kind: 'arena', message: 'arena full: cannot allocate 8 bucket(s)', at: 1 }])] };
    expect(classify(arena)).toMatchObject({ class: 'silent', outcome: `silent: ${SILENT.arenaFull}` });
  });

  it('refuses an error that is not Go\'s: that is a bug, never a finding', () => {
    const log = { workers: [worker([get(0), 0, { kind: 'other', message: 'TypeError: x is undefined', at: 1 }])] };
    expect(() => classify(log)).toThrow(StressBugError);
  });
});

describe('isRacy', () => {
  it('needs two workers overlapping with a write; concurrent reads are allowed', () => {
    const reads = { workers: [worker([get(0), 0, 3, got(0, false)]), worker([get(0), 1, 2, got(0, false)])] };
    expect(isRacy(reads)).toBe(false);
    const apart = { workers: [worker([set(0, 1), 0, 1, NONE]), worker([set(0, 2), 2, 3, NONE])] };
    expect(isRacy(apart)).toBe(false);
    const crashed = { workers: [worker([set(0, 1), 0, { kind: 'fatal', message: 'concurrent map writes', at: 9 }]), worker([get(0), 5, 6, got(0, false)])] };
    expect(isRacy(crashed)).toBe(true);
  });
});

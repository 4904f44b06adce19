/**
 * Sequential fidelity, the headline property of the hmap spec: run by one goroutine, every
 * program behaves as a Go map must. No step crashes, every result is the sequential model's,
 * every invariant holds between operations, and no step mutates the state it was given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GO, type MapConfig, SMALL } from '../../../spec/config.js';
import { describeOp } from '../../../spec/describe.js';
import { chain, inArray, liveCells, oldCount } from '../../../spec/hmap/contents.js';
import { HASH_WRITING, NIL, SAME_SIZE_GROW } from '../../../spec/hmap/constants.js';
import type { MState } from '../../../spec/hmap/machine.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import { type MapModelState, modelInit } from '../../../spec/model.js';
import type { Op } from '../../../spec/types.js';
import { COLLIDE, GO_MANY } from '../configs.js';
import { deepFreeze, expectLikeModel, FILLING, programArb, runOp, runProgram, seededHashes, withValues } from '../run.js';

/** What a batch of programs reached, so a property that never grows a map cannot pass unseen. */
interface Coverage {
  /** Programs in which some step saw oldbuckets set. */
  grew: number;
  /** Programs that finished an operation with oldbuckets still set (evacuation across operations). */
  spansOps: number;
  /** Programs in which an overflow bucket was linked. */
  overflow: number;
  /** Programs in which some step saw sameSizeGrow set. */
  sameSize: number;
  /** Largest B seen. */
  maxB: number;
}

const emptyCoverage = (): Coverage => ({ grew: 0, spansOps: 0, overflow: 0, sameSize: 0, maxB: 0 });

/** The model's live keys as a sorted list of [key, value]. */
function modelPairs(m: MapModelState): Array<[number, number]> {
  return m.flatMap((v, k): Array<[number, number]> => (v === 0 ? [] : [[k, v]]));
}

/**
 * Invariants checked directly (not through t.broken) after each operation, for the ones whose
 * breakage would be easiest to miss: the map holds exactly the model's pairs, the write flag is
 * clear, a finished grow leaves nothing behind, and B only grows.
 */
function checkIdleState(s: MState, model: MapModelState, prevB: number, where: string): void {
  const h = s.h;
  expect(h.flags & HASH_WRITING, `${where}: hashWriting left set`).toBe(0);
  const cells = liveCells(h).map((c): [number, number] => [c.key, c.elem]).sort((a, b) => a[0] - b[0]);
  expect(cells, `${where}: map contents`).toEqual(modelPairs(model));
  expect(h.count, `${where}: count`).toBe(cells.length);
  expect(h.B, `${where}: B never shrinks`).toBeGreaterThanOrEqual(prevB);
  if (h.oldbuckets === NIL) {
    expect(h.flags & SAME_SIZE_GROW, `${where}: sameSizeGrow without a grow`).toBe(0);
    expect(h.extraOldoverflow, `${where}: oldoverflow kept after the grow`).toBe(0);
  } else {
    // advanceEvacuationMark drops oldbuckets as soon as nevacuate reaches the old size.
    expect(h.nevacuate, `${where}: nevacuate`).toBeLessThan(oldCount(h));
    expect(inArray(h, h.oldbuckets, oldCount(h) - 1), `${where}: oldbuckets is a whole array`).not.toBe(NIL);
  }
  if (h.buckets !== NIL) {
    let n = 0;
    for (let i = 0; i < 2 ** h.B; i++) n += chain(h, inArray(h, h.buckets, i)).length - 1;
    expect(h.noverflow, `${where}: noverflow`).toBe(n);
  }
}

/** Runs `ops` on one goroutine, checking every step and every operation; returns what it reached. */
function checkProgram(cfg: MapConfig, ops: readonly Op[], cov: Coverage): void {
  const t = hmapTarget(cfg);
  let s = deepFreeze(t.init(cfg, 1));
  let model = modelInit(cfg.hashes.length);
  let grew = false;
  let spans = false;
  let overflow = false;
  let same = false;
  for (const [i, op] of ops.entries()) {
    const where = `op ${i} (${describeOp(op)})`;
    const prevB = s.h.B;
    const r = runOp(t, s, 0, op, i, (x) => {
      // Every state a step is taken from is frozen: a spec that writes into it throws here.
      deepFreeze(x);
      if (x.h.oldbuckets !== NIL) grew = true;
      if (x.h.flags & SAME_SIZE_GROW) same = true;
      if (x.h.noverflow > 0) overflow = true;
      cov.maxB = Math.max(cov.maxB, x.h.B);
    });
    expect(r.steps.length, `${where}: steps`).toBeGreaterThan(0);
    model = expectLikeModel(t, r, model, op, where);
    s = r.state;
    checkIdleState(s, model, prevB, where);
    if (s.h.oldbuckets !== NIL) spans = true;
  }
  if (grew) cov.grew++;
  if (spans) cov.spansOps++;
  if (overflow) cov.overflow++;
  if (same) cov.sameSize++;
}

interface Case {
  cfg: MapConfig;
  numRuns: number;
  programs: fc.Arbitrary<Op[]>;
  /** What the batch must reach (at least one program each), or must not. */
  reaches: { grow: boolean; spansOps: boolean; overflow: boolean; sameSize: boolean };
}

const CASES: Case[] = [
  {
    cfg: SMALL, numRuns: 1000, programs: programArb(SMALL.hashes.length),
    reaches: { grow: true, spansOps: true, overflow: true, sameSize: false },
  },
  {
    // Four keys never fill GO's one 8-cell bucket: this is the plain path (buckets allocated on
    // the first assign, B stays 0). GO_MANY below covers growth with Go's constants.
    cfg: GO, numRuns: 1000, programs: programArb(GO.hashes.length),
    reaches: { grow: false, spansOps: false, overflow: false, sameSize: false },
  },
  {
    // Longer, assign-heavy programs: a map needs 9 live keys to grow (27 to grow across operations).
    cfg: GO_MANY, numRuns: 150, programs: programArb(GO_MANY.hashes.length, { minLength: 30, maxLength: 80, mix: FILLING }),
    reaches: { grow: true, spansOps: true, overflow: true, sameSize: false },
  },
  {
    cfg: COLLIDE, numRuns: 600, programs: programArb(COLLIDE.hashes.length),
    reaches: { grow: true, spansOps: false, overflow: true, sameSize: true },
  },
];

describe.each(CASES)('sequential fidelity, config $cfg.name', ({ cfg, numRuns, programs, reaches }) => {
  it(`matches the sequential model with all invariants holding (${numRuns} programs)`, () => {
    const cov = emptyCoverage();
    fc.assert(fc.property(programs, (ops) => checkProgram(cfg, ops, cov)), { numRuns });
    // The property is only as strong as the states it reached.
    expect(cov.grew > 0, 'some program grew the map').toBe(reaches.grow);
    expect(cov.spansOps > 0, 'some evacuation spanned operations').toBe(reaches.spansOps);
    expect(cov.overflow > 0, 'some program linked an overflow bucket').toBe(reaches.overflow);
    expect(cov.sameSize > 0, 'some program made a same-size grow').toBe(reaches.sameSize);
  });
});

describe('the spec never mutates its input state', () => {
  // Deep-freezing (above) catches writes through the state; this compares a structured clone
  // taken before each step with the state after, on unfrozen states, for a sample of programs.
  it.each([SMALL, COLLIDE])('config $name: start and step leave their input as it was', (cfg) => {
    const t = hmapTarget(cfg);
    fc.assert(
      fc.property(programArb(cfg.hashes.length, { maxLength: 30 }), (ops) => {
        let s = t.init(cfg, 1);
        for (const [i, op] of ops.entries()) {
          const before = structuredClone(s);
          let cur = t.start(s, 0, op, i);
          expect(s).toEqual(before);
          while (!t.idle(cur, 0)) {
            const copy = structuredClone(cur);
            const next = t.step(cur, 0).state;
            expect(cur).toEqual(copy);
            cur = next;
          }
          s = cur;
        }
      }),
      { numRuns: 100 },
    );
  });
});

/** Runs `ops` (values filled in as opIndex+1) on SMALL and returns the final machine state. */
function small(ops: Op[]): MState {
  const t = hmapTarget(SMALL);
  const { state, runs } = runProgram(t, SMALL, withValues(ops));
  expect(runs.every((r) => r.crash === undefined)).toBe(true);
  return state;
}

const assign = (key: number): Op => ({ kind: 'assign', key, value: 0 });
const del = (key: number): Op => ({ kind: 'delete', key });

describe('SMALL does what spec/config.ts says', () => {
  const t = hmapTarget(SMALL);
  const afterTwo = small([assign(0), assign(1)]);

  it('the second key grows the map from 4 to 8 buckets, and evacuation is not finished', () => {
    const h = afterTwo.h;
    expect(h.B).toBe(3);
    expect(h.count).toBe(2);
    expect(h.oldbuckets).not.toBe(NIL);
    expect(oldCount(h)).toBe(4);
    // The growing assign evacuated its own bucket and one more: at most two of four.
    expect(h.nevacuate).toBeGreaterThan(0);
    expect(h.nevacuate).toBeLessThan(4);
    expect(t.broken(afterTwo)).toBeUndefined();
  });

  it('k0 and k1 collide after the grow, so the second one sits in an overflow bucket', () => {
    const h = afterTwo.h;
    expect(h.noverflow).toBe(1);
    expect(h.extraOverflow).toBe(1);
    const cells = liveCells(h);
    expect(cells.map((c) => c.slot)).toEqual([0, 0]);
    expect(chain(h, h.buckets).length).toBe(2);
  });

  it.each([
    ['assign k2', assign(2)],
    ['assign k3', assign(3)],
    ['delete k0', del(0)],
    ['delete k2 (absent: mapdelete still does growWork)', del(2)],
  ] as const)('one more %s moves evacuation on', (_name, op) => {
    const { state } = runOp(t, afterTwo, 0, withValues([assign(0), assign(1), op])[2]!, 2);
    // The first grow is over when oldbuckets is gone, or when B moved on: k3 is the third key,
    // past the load factor at B=3, so its assign finishes the first grow and starts a second.
    const finished = state.h.oldbuckets === NIL || state.h.B > afterTwo.h.B;
    const moved = finished ? oldCount(afterTwo.h) : state.h.nevacuate;
    expect(moved).toBeGreaterThan(afterTwo.h.nevacuate);
    expect(t.broken(state)).toBeUndefined();
  });

  it.each([
    ['access', { kind: 'access', key: 2 }],
    ['len', { kind: 'len' }],
    ['range', { kind: 'range' }],
  ] as const)('a reader (%s) does no evacuation work', (_name, op) => {
    const { state } = runOp(t, afterTwo, 0, op, 2);
    expect(state.h.nevacuate).toBe(afterTwo.h.nevacuate);
    expect(state.h.oldbuckets).toBe(afterTwo.h.oldbuckets);
  });

  it('evacuation finishes within a few more writes, and then the grow is over', () => {
    const s = small([assign(0), assign(1), del(2), del(2)]);
    expect(s.h.oldbuckets).toBe(NIL);
    expect(s.h.nevacuate).toBe(4);
    expect(s.h.extraOldoverflow).toBe(0);
    expect(liveCells(s.h).map((c) => c.key).sort()).toEqual([0, 1]);
  });

  it('k2 splits from k0 on bit 2: evacuation sends it to the Y half', () => {
    // k2 alone in old bucket 0 (B=2); assigning k0 grows and evacuates old bucket 0.
    const s = small([assign(2), assign(0)]);
    const byKey = new Map(liveCells(s.h).map((c) => [c.key, c]));
    expect(byKey.get(2)).toMatchObject({ slot: 4, old: false });
    expect(byKey.get(0)).toMatchObject({ slot: 0, old: false });
  });

  it('k3 shares k0\'s tophash but lands in another bucket', () => {
    const s = small([assign(0), assign(3)]);
    const byKey = new Map(liveCells(s.h).map((c) => [c.key, c]));
    expect(byKey.get(3)!.top).toBe(byKey.get(0)!.top);
    expect(byKey.get(3)!.slot).not.toBe(byKey.get(0)!.slot);
  });
});

describe('GO reproduces the growth points measured in Go 1.19', () => {
  // The reference measured B changing on insert #9 (0→1), #14 (1→2), #27 (2→3): key number
  // 13·2^(B−1)+1. For 0→1 and 1→2 the grow completes inside that insert; from 2→3 on,
  // oldbuckets is still set afterwards.
  const N = 30;
  const cfg: MapConfig = { ...GO, hashes: seededHashes(N, 1) };
  const t = hmapTarget(cfg);

  it('B after each of 30 distinct inserts, with every key reading back', () => {
    let s = t.init(cfg, 1);
    const changes: Array<[insert: number, from: number, to: number, growingAfter: boolean]> = [];
    for (let k = 0; k < N; k++) {
      const before = s.h.B;
      const r = runOp(t, s, 0, { kind: 'assign', key: k, value: k + 1 }, k);
      expect(r.crash).toBeUndefined();
      s = r.state;
      expect(s.h.count).toBe(k + 1);
      expect(t.broken(s)).toBeUndefined();
      if (s.h.B !== before) changes.push([k + 1, before, s.h.B, s.h.oldbuckets !== NIL]);
      for (let j = 0; j <= k; j++) {
        const read = runOp(t, s, 0, { kind: 'access', key: j }, 1000 + j);
        expect(read.result, `insert #${k + 1}: k${j}`).toEqual({ kind: 'value', value: j + 1, ok: true });
      }
    }
    expect(changes).toEqual([
      [9, 0, 1, false],
      [14, 1, 2, false],
      [27, 2, 3, true],
    ]);
    // No same-size grow in between: these hashes spread well enough.
    expect(s.h.flags & SAME_SIZE_GROW).toBe(0);
  });
});

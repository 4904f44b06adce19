/** The seeded op mix: the seed fixes every worker's program, whatever the hardware does. */
import { describe, expect, it } from 'vitest';
import { MIXES, Rng, roundPrograms, SYNCMAP_MIXES } from '../../../impl/stress/mix.js';
import { decodeProgram, encodeProgram } from '../../../impl/stress/program.js';

describe('roundPrograms', () => {
  it('is the same for the same seed, and differs for another', () => {
    // Three rounds in a row from one generator, as runStress draws them.
    const gen = (seed: number) => {
      const rng = new Rng(seed);
      return [0, 1, 2].map(() => roundPrograms(rng, 50, 2, 4).map(decodeProgram));
    };
    expect(gen(7)).toEqual(gen(7));
    expect(gen(7)).not.toEqual(gen(8));
  });

  it('deals the round evenly, over the keys asked for, with a value unique to each assign', () => {
    const programs = roundPrograms(new Rng(1), 201, 4, 3).map(decodeProgram);
    expect(programs.map((p) => p.length)).toEqual([51, 50, 50, 50]);
    const ops = programs.flat();
    const keys = new Set(ops.flatMap((op) => ('key' in op ? [op.key] : [])));
    expect(keys).toEqual(new Set([0, 1, 2]));
    const values = ops.flatMap((op) => (op.kind === 'assign' ? [op.value] : []));
    expect(new Set(values).size).toBe(values.length);
    // 0 is the sequential model's "absent": no assign may store it.
    expect(values).not.toContain(0);
  });

  it('draws only the operations its mix weighs', () => {
    const ops = roundPrograms(new Rng(3), 500, 1, 4, MIXES['read-mostly']).map(decodeProgram).flat();
    expect(new Set(ops.map((o) => o.kind))).toEqual(new Set(['assign', 'access', 'delete', 'len']));
  });

  it('round-trips every operation through the wire format, a Range with its callback body', () => {
    const ops = [
      { kind: 'assign', key: 1, value: 9 }, { kind: 'access', key: 2 }, { kind: 'delete', key: 3 },
      { kind: 'range' }, { kind: 'clear' }, { kind: 'len' },
      { kind: 'loadOrStore', key: 0, value: 4 }, { kind: 'loadAndDelete', key: 1 },
      { kind: 'range', body: 'stop' }, { kind: 'range', body: 'delete' }, { kind: 'range', body: 'store', value: 7 },
    ] as const;
    expect(decodeProgram(encodeProgram(ops))).toEqual(ops);
    expect(() => decodeProgram(Int32Array.of(9, 0, 0))).toThrow('unknown operation code 9');
  });

  it("draws sync.Map's operations under its mix, every Range body, each stored value unique", () => {
    const ops = roundPrograms(new Rng(4), 600, 2, 4, SYNCMAP_MIXES.balanced!).map(decodeProgram).flat();
    expect(new Set(ops.map((o) => (o.kind === 'range' ? `range-${o.body ?? 'all'}` : o.kind)))).toEqual(
      new Set(['assign', 'access', 'loadOrStore', 'loadAndDelete', 'delete', 'range-all', 'range-stop', 'range-delete', 'range-store']),
    );
    const values = ops.flatMap((o) => (o.kind === 'assign' || o.kind === 'loadOrStore' || (o.kind === 'range' && o.body === 'store') ? [o.value!] : []));
    expect(new Set(values).size).toBe(values.length);
    expect(Math.min(...values)).toBeGreaterThan(0);
  });

  it("keeps the plain map's draws: seed 1 gives what it gave before sync.Map's kinds existed", () => {
    // Captured from the mix before sync.Map's operations were added: a seed's meaning must not move.
    expect(decodeProgram(roundPrograms(new Rng(1), 8, 1, 4)[0]!)).toEqual([
      { kind: 'access', key: 0 }, { kind: 'access', key: 3 }, { kind: 'len' }, { kind: 'assign', key: 2, value: 1 },
      { kind: 'delete', key: 1 }, { kind: 'len' }, { kind: 'access', key: 1 }, { kind: 'assign', key: 1, value: 2 },
    ]);
  });
});

/**
 * Helpers for the sync.Map spec tests: program generators over sync.Map's operations, a target
 * without Range (for kills that must not depend on the monitor's Range rule), and ways to build
 * memory by hand.
 */
import fc from 'fast-check';
import type { Target } from '../../../spec/target.js';
import type { Op, RangeBody } from '../../../spec/types.js';
import { NONE } from '../../../spec/syncmap/constants.js';
import type { GoMap, Mem, ReadOnly } from '../../../spec/syncmap/state.js';

/** Relative weights of the operations in generated programs. */
const MIX = { assign: 6, access: 4, loadOrStore: 3, loadAndDelete: 3, delete: 3, range: 2 };

function opArb(keys: number): fc.Arbitrary<Op> {
  const key = fc.nat({ max: keys - 1 });
  const body = fc.constantFrom<RangeBody | undefined>(undefined, 'stop', 'delete', 'store');
  return fc.oneof(
    { arbitrary: key.map((k): Op => ({ kind: 'assign', key: k, value: 0 })), weight: MIX.assign },
    { arbitrary: key.map((k): Op => ({ kind: 'access', key: k })), weight: MIX.access },
    { arbitrary: key.map((k): Op => ({ kind: 'loadOrStore', key: k, value: 0 })), weight: MIX.loadOrStore },
    { arbitrary: key.map((k): Op => ({ kind: 'loadAndDelete', key: k })), weight: MIX.loadAndDelete },
    { arbitrary: key.map((k): Op => ({ kind: 'delete', key: k })), weight: MIX.delete },
    { arbitrary: body.map((b): Op => (b === undefined ? { kind: 'range' } : { kind: 'range', body: b, value: 0 })), weight: MIX.range },
  );
}

/** Values unique per operation, as the checker gives them: opIndex+1. */
export function withSyncValues(ops: readonly Op[]): Op[] {
  return ops.map((op, i) => {
    if (op.kind === 'assign' || op.kind === 'loadOrStore') return { ...op, value: i + 1 };
    if (op.kind === 'range' && op.body === 'store') return { ...op, value: i + 1 };
    return op;
  });
}

/** A program of up to `maxLength` sync.Map operations over keys 0..keys-1. */
export function syncProgramArb(keys: number, maxLength = 50): fc.Arbitrary<Op[]> {
  return fc.array(opArb(keys), { maxLength, size: 'max' }).map(withSyncValues);
}

/** The same target with Range left out of its alphabet. */
export function withoutRange<S>(t: Target<S>): Target<S> {
  return { ...t, alphabet: (keys, value) => t.alphabet(keys, value).filter((op) => op.kind !== 'range') };
}

/** Memory built by hand: maps as {key: entry}, readOnlys as [map id, amended]. */
export function mem(parts: {
  read?: number; dirty?: number; misses?: number; mu?: number;
  readOnlys?: Array<[m: number, amended: boolean]>; maps?: Array<Record<number, number>>; entries?: number[];
}): Mem {
  const maps = (parts.maps ?? []).map((m): GoMap => Object.entries(m).map(([k, e]) => [Number(k), e] as const).sort((a, b) => a[0] - b[0]));
  const readOnlys = (parts.readOnlys ?? []).map(([m, amended]): ReadOnly => ({ m, amended }));
  return {
    read: parts.read ?? NONE, dirty: parts.dirty ?? NONE, misses: parts.misses ?? 0, mu: parts.mu ?? NONE,
    readOnlys, maps, entries: parts.entries ?? [],
  };
}

import type { Op, OpResult } from './types.js';

/**
 * The sequential semantics of a Go map over keys 0..K-1, as Porcupine models a system: init, a
 * step that returns the result and the next state without touching its input, equality, and
 * descriptions. `values[k]` is k's value, or ABSENT.
 */
export type MapModelState = readonly number[];

export const ABSENT = 0;

export function modelInit(keys: number): MapModelState {
  return new Array<number>(keys).fill(ABSENT);
}

/**
 * Applies `op`; never mutates `s`. Range yields the live pairs in key order and is a pure read
 * here: the calls its callback makes are operations of their own (see RangeBody).
 */
export function modelStep(s: MapModelState, op: Op): { state: MapModelState; result: OpResult } {
  switch (op.kind) {
    case 'assign': {
      const next = s.slice();
      next[op.key] = op.value;
      return { state: next, result: { kind: 'none' } };
    }
    case 'access': {
      const v = s[op.key] ?? ABSENT;
      return { state: s, result: { kind: 'value', value: v, ok: v !== ABSENT } };
    }
    case 'delete': {
      if ((s[op.key] ?? ABSENT) === ABSENT) return { state: s, result: { kind: 'none' } };
      const next = s.slice();
      next[op.key] = ABSENT;
      return { state: next, result: { kind: 'none' } };
    }
    case 'range':
      return { state: s, result: { kind: 'pairs', pairs: livePairs(s) } };
    case 'clear':
      return { state: s.map(() => ABSENT), result: { kind: 'none' } };
    case 'len':
      return { state: s, result: { kind: 'len', n: s.filter((v) => v !== ABSENT).length } };
    case 'loadOrStore': {
      const v = s[op.key] ?? ABSENT;
      if (v !== ABSENT) return { state: s, result: { kind: 'value', value: v, ok: true } };
      const next = s.slice();
      next[op.key] = op.value;
      return { state: next, result: { kind: 'value', value: op.value, ok: false } };
    }
    case 'loadAndDelete': {
      const v = s[op.key] ?? ABSENT;
      if (v === ABSENT) return { state: s, result: { kind: 'value', value: ABSENT, ok: false } };
      const next = s.slice();
      next[op.key] = ABSENT;
      return { state: next, result: { kind: 'value', value: v, ok: true } };
    }
  }
}

function livePairs(s: MapModelState): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  s.forEach((v, k) => {
    if (v !== ABSENT) out.push([k, v]);
  });
  return out;
}

export function modelEqual(a: MapModelState, b: MapModelState): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function describeModel(s: MapModelState): string {
  const pairs = livePairs(s).map(([k, v]) => `k${k}:v${v}`);
  return `map[${pairs.join(' ')}]`;
}

/**
 * Whether an observed result is the one the model gives. Range order is Go's random order, so
 * pairs compare as multisets (a key yielded twice is a mismatch).
 */
export function resultsMatch(expected: OpResult, actual: OpResult): boolean {
  if (expected.kind !== actual.kind) return false;
  switch (expected.kind) {
    case 'none': return true;
    case 'value': return actual.kind === 'value' && actual.ok === expected.ok && actual.value === expected.value;
    case 'len': return actual.kind === 'len' && actual.n === expected.n;
    case 'pairs': return actual.kind === 'pairs' && pairsKey(actual.pairs) === pairsKey(expected.pairs);
  }
}

export function pairsKey(pairs: ReadonlyArray<readonly [number, number]>): string {
  return pairs.map(([k, v]) => `${k}:${v}`).sort().join(',');
}

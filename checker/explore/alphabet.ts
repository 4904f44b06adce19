import type { Op } from '../../spec/types.js';

/**
 * Every operation a goroutine may start, over keys 0..keys-1. An assign's value is fixed when it
 * starts (unique per operation), so the alphabet takes it as a parameter.
 */
export function alphabet(keys: number, value: number): Op[] {
  const ops: Op[] = [];
  for (let k = 0; k < keys; k++) ops.push({ kind: 'assign', key: k, value });
  for (let k = 0; k < keys; k++) ops.push({ kind: 'access', key: k });
  for (let k = 0; k < keys; k++) ops.push({ kind: 'delete', key: k });
  ops.push({ kind: 'range' }, { kind: 'clear' }, { kind: 'len' });
  return ops;
}

/** Operations a goroutine can choose from: 3 per key plus range, clear and len. */
export function alphabetSize(keys: number): number {
  return 3 * keys + 3;
}

/**
 * Scenarios of at most `depth` operations in total over `goroutines` goroutines: for each total
 * n ≥ 1, A^n programs times the ways to cut them into G ordered (possibly empty) lists.
 */
export function scenarioCount(depth: number, goroutines: number, keys: number): number {
  const a = alphabetSize(keys);
  let total = 0;
  for (let n = 1; n <= depth; n++) total += a ** n * binomial(n + goroutines - 1, goroutines - 1);
  return total;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

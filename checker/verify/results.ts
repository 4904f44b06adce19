import type { KeyRenaming } from '../../spec/canon.js';
import { pairsKey } from '../../spec/model.js';
import { describeResult } from '../../spec/describe.js';
import type { Op, OpResult } from '../../spec/types.js';
import { snapshotViolation } from './range-rule.js';

const SAME = (v: number): number => v;

/**
 * A result as text; `name` renames values (see ValueNamer) when states are compared, `keys`
 * renames keys (see KeyNamer). An absent
 * result is 'absent' whatever value it carries: Go returns the zero value then, and the models
 * compare only ok.
 */
export function resultKey(r: OpResult, name: (v: number) => number = SAME, keys?: KeyRenaming): string {
  switch (r.kind) {
    case 'none': return '-';
    case 'value': return r.ok ? `v${name(r.value)}` : 'absent';
    case 'len': return `n${r.n}`;
    case 'pairs': {
      if (!keys) return `[${pairsKey(r.pairs.map(([k, v]) => [k, name(v)] as const))}]`;
      // Values named in the order of the keys' names, so the text does not depend on raw keys.
      const renamed = r.pairs.map(([k, v]) => [keys.name[k]!, v] as const).sort((a, b) => a[0] - b[0]);
      return `[${pairsKey(renamed.map(([k, v]) => [k, name(v)] as const))}]`;
    }
  }
}

/**
 * Why `op` cannot have returned `observed` when taking effect at one point gave `expected`, or
 * undefined when it can. Range here is the snapshot Range (see RangeMode).
 */
export function resultMismatch(op: Op, expected: OpResult, observed: OpResult): string | undefined {
  if (op.kind === 'range' && expected.kind === 'pairs' && observed.kind === 'pairs') {
    return snapshotViolation(expected.pairs, op, observed.pairs);
  }
  if (resultKey(expected) === resultKey(observed)) return undefined;
  return `the map gives ${describeResult(expected)} there`;
}

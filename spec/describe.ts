import type { Op, OpResult } from './types.js';

/**
 * Go-like text for operations and results, as they appear in traces, diagrams and reports.
 * Keys print as k<N> and values as v<N>, matching the scenario's numbering, so a lost write
 * shows up as a value that names the operation that wrote it.
 */

const key = (k: number): string => `k${k}`;
const value = (v: number): string => `v${v}`;

/**
 * How operations are spelled: as Go code on a plain map (also the locked maps), or as calls of
 * sync.Map's methods. The op kinds are shared (assign is Store, access is Load, ...); only the
 * words differ.
 */
export type Dialect = 'map' | 'syncmap';

export function dialectOf(target: string): Dialect {
  return target === 'syncmap' ? 'syncmap' : 'map';
}

export function describeOp(op: Op, dialect: Dialect = 'map'): string {
  if (dialect === 'syncmap') return describeSyncMapOp(op);
  switch (op.kind) {
    case 'assign':
      return `m[${key(op.key)}] = ${value(op.value)}`;
    case 'access':
      return `v, ok := m[${key(op.key)}]`;
    case 'delete':
      return `delete(m, ${key(op.key)})`;
    case 'range':
      return op.body === undefined ? 'for k, v := range m' : `m.Range(${RANGE_BODY[op.body](op.value ?? 0)})`;
    case 'clear':
      // The compiler turns `for k := range m { delete(m, k) }` into this runtime call.
      return 'mapclear(m)';
    case 'len':
      return 'len(m)';
    case 'loadOrStore':
      return `m.LoadOrStore(${key(op.key)}, ${value(op.value)})`;
    case 'loadAndDelete':
      return `m.LoadAndDelete(${key(op.key)})`;
  }
}

function describeSyncMapOp(op: Op): string {
  switch (op.kind) {
    case 'assign': return `m.Store(${key(op.key)}, ${value(op.value)})`;
    case 'access': return `m.Load(${key(op.key)})`;
    case 'delete': return `m.Delete(${key(op.key)})`;
    case 'range': return `m.Range(${op.body === undefined ? 'visit every pair' : RANGE_BODY[op.body](op.value ?? 0)})`;
    default: return describeOp(op);
  }
}

const RANGE_BODY: Record<NonNullable<Extract<Op, { kind: 'range' }>['body']>, (v: number) => string> = {
  stop: () => 'stop at the first pair',
  delete: () => 'm.Delete(k) for each k',
  store: (v) => `m.Store(k, ${value(v)}) for each k`,
};

export function describeResult(r: OpResult): string {
  switch (r.kind) {
    case 'none':
      return '—';
    case 'value':
      // An absent key reads as Go's zero value, which is not any v<N>.
      // Go's zero value (0) is not any v<N>: a read that says (0, true) saw a key without its value.
      return `(${r.value === 0 ? '0' : value(r.value)}, ${r.ok})`;
    case 'len':
      return String(r.n);
    case 'pairs':
      return `[${r.pairs.map(([k, v]) => `${key(k)}:${value(v)}`).join(' ')}]`;
  }
}

/** One line for a whole scenario: 'G0: m[k0] = v1, len(m); G1: delete(m, k0)'. */
export function describeScenario(scenario: Op[][], dialect: Dialect = 'map'): string {
  return scenario
    .map((program, g) => `G${g}: ${program.length === 0 ? '(no operations)' : program.map((op) => describeOp(op, dialect)).join(', ')}`)
    .join('; ');
}

import type { Op, OpResult } from '../../spec/types.js';

/** The plain map's operations, as SharedGoMap and every guarded map offer them. */
export interface MapApi {
  assign(key: number, value: number): void;
  access(key: number): { value: number; ok: boolean };
  delete(key: number): void;
  range(): Generator<[key: number, value: number], void, undefined>;
  clear(): void;
  len(): number;
}

/**
 * One operation of a checker scenario on a map with the plain map's operations, with its result
 * in the checker's terms. `what` names the map in the errors for operations it does not have.
 */
export function runOp(m: MapApi, op: Op, what: string): OpResult {
  switch (op.kind) {
    case 'assign':
      m.assign(op.key, op.value);
      return { kind: 'none' };
    case 'access':
      return { kind: 'value', ...m.access(op.key) };
    case 'delete':
      m.delete(op.key);
      return { kind: 'none' };
    case 'range':
      if (op.body !== undefined) throw new Error(`${what}'s range has no callback (body "${op.body}")`);
      return { kind: 'pairs', pairs: [...m.range()] };
    case 'clear':
      m.clear();
      return { kind: 'none' };
    case 'len':
      return { kind: 'len', n: m.len() };
    case 'loadOrStore':
    case 'loadAndDelete':
      throw new Error(`${what} has no ${op.kind} operation (it is sync.Map's)`);
  }
}

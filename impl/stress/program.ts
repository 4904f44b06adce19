import type { Op, RangeBody } from '../../spec/types.js';

/**
 * A worker's program for one round, as flat int32 triples [code, key, value]: it crosses to the
 * worker as one small typed array, and the worker runs it without allocating an object per
 * operation (the point of stress mode is to go fast enough to race).
 */
export type Program = Int32Array;

/**
 * Operation codes on the wire and in the log; 0 is left unused so zeroed memory means "none".
 * The last two are sync.Map's own (assign, access, delete and range serve as Store, Load, Delete
 * and Range, as in spec/types.ts).
 */
export const OP_CODE = { assign: 1, access: 2, delete: 3, range: 4, clear: 5, len: 6, loadOrStore: 7, loadAndDelete: 8 } as const;

export type StressOpKind = keyof typeof OP_CODE;

/**
 * A range has no key: its key word carries the callback's body (0 none, then RangeBody's), and
 * its value word the value a 'store' body stores.
 */
const BODIES: readonly RangeBody[] = ['stop', 'delete', 'store'];

export function bodyCode(body: RangeBody | undefined): number {
  return body === undefined ? 0 : BODIES.indexOf(body) + 1;
}

export function bodyOf(code: number): RangeBody | undefined {
  return code === 0 ? undefined : BODIES[code - 1];
}

export const TRIPLE = 3;

export function programLength(p: Program): number {
  return p.length / TRIPLE;
}

/** The Op of code/key/value as the checker spells it (key and value only where the op has them). */
export function opOf(code: number, key: number, value: number): Op {
  switch (code) {
    case OP_CODE.assign: return { kind: 'assign', key, value };
    case OP_CODE.access: return { kind: 'access', key };
    case OP_CODE.delete: return { kind: 'delete', key };
    case OP_CODE.range: {
      const body = bodyOf(key);
      if (body === undefined) return { kind: 'range' };
      return body === 'store' ? { kind: 'range', body, value } : { kind: 'range', body };
    }
    case OP_CODE.clear: return { kind: 'clear' };
    case OP_CODE.len: return { kind: 'len' };
    case OP_CODE.loadOrStore: return { kind: 'loadOrStore', key, value };
    case OP_CODE.loadAndDelete: return { kind: 'loadAndDelete', key };
    default: throw new Error(`unknown operation code ${code} in a stress program or log`);
  }
}

/** Packs ops into a Program (which of them a target can run is the worker's business). */
export function encodeProgram(ops: readonly Op[]): Program {
  const p = new Int32Array(ops.length * TRIPLE);
  ops.forEach((op, i) => {
    p[i * TRIPLE] = OP_CODE[op.kind];
    if (op.kind === 'range') {
      p[i * TRIPLE + 1] = bodyCode(op.body);
      p[i * TRIPLE + 2] = op.body === 'store' ? (op.value ?? 0) : 0;
      return;
    }
    p[i * TRIPLE + 1] = 'key' in op ? op.key : 0;
    p[i * TRIPLE + 2] = 'value' in op ? op.value : 0;
  });
  return p;
}

export function decodeProgram(p: Program): Op[] {
  const ops: Op[] = [];
  for (let i = 0; i < p.length; i += TRIPLE) ops.push(opOf(p[i]!, p[i + 1]!, p[i + 2]!));
  return ops;
}

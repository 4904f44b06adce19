import type { Op, OpResult } from '../types.js';
import { BODY_DELETE, BODY_NONE, BODY_STOP, BODY_STORE } from './constants.js';
import { ENTRY_DELETE, ENTRY_LOAD, STORE_LOCKED, TRY_EXPUNGE_LOCKED, TRY_LOAD_OR_STORE, TRY_STORE, UNEXPUNGE_LOCKED } from './fns/entry.js';
import { DELETE, LOAD, LOAD_AND_DELETE } from './fns/load.js';
import { DIRTY_LOCKED, MISS_LOCKED } from './fns/locked.js';
import { RANGE } from './fns/range.js';
import { LOAD_OR_STORE, STORE } from './fns/store.js';
import { functionTable } from '../locals.js';
import { SYNCMAP_LIVE_LOCALS } from './live-locals.js';
import type { FunctionTable, GoFunction } from './program.js';

const ALL: GoFunction[] = [
  LOAD, STORE, LOAD_OR_STORE, LOAD_AND_DELETE, DELETE, RANGE, MISS_LOCKED, DIRTY_LOCKED,
  ENTRY_LOAD, TRY_STORE, UNEXPUNGE_LOCKED, STORE_LOCKED, TRY_LOAD_OR_STORE, ENTRY_DELETE, TRY_EXPUNGE_LOCKED,
];

/**
 * Every function of sync/map.go the spec runs, by name, each with its live locals
 * (spec/locals.ts): the table mutants patch.
 */
export const SYNCMAP_FUNCTIONS: FunctionTable = functionTable(ALL, SYNCMAP_LIVE_LOCALS);

/** The same functions keeping every local: what dropping dead ones is compared with. */
export const SYNCMAP_FUNCTIONS_KEEPING_LOCALS: FunctionTable = functionTable(ALL);

const BODY_CODES = { stop: BODY_STOP, delete: BODY_DELETE, store: BODY_STORE } as const;

/** The method an operation calls and its arguments. */
export function syncmapEntry(op: Op): { fn: string; args: Record<string, number> } {
  switch (op.kind) {
    case 'assign': return { fn: 'Store', args: { key: op.key, value: op.value } };
    case 'access': return { fn: 'Load', args: { key: op.key } };
    case 'delete': return { fn: 'Delete', args: { key: op.key } };
    case 'loadOrStore': return { fn: 'LoadOrStore', args: { key: op.key, value: op.value } };
    case 'loadAndDelete': return { fn: 'LoadAndDelete', args: { key: op.key } };
    case 'range':
      return { fn: 'Range', args: { body: op.body === undefined ? BODY_NONE : BODY_CODES[op.body], value: op.value ?? 0, i: 0 } };
    case 'clear':
    case 'len':
      throw new Error(`sync.Map has no ${op.kind} operation`);
  }
}

/**
 * What an operation returned, from the values its method returned (retValue, retOk) and the
 * pairs a Range visited. Load, LoadOrStore (ok = loaded) and LoadAndDelete give (value, ok) as
 * spec/model.ts does; Store and Delete give nothing.
 */
export function resultOf(op: Op, values: Readonly<Record<string, number>>, pairs: readonly number[]): OpResult {
  switch (op.kind) {
    case 'assign':
    case 'delete':
      return { kind: 'none' };
    case 'access':
    case 'loadOrStore':
    case 'loadAndDelete': {
      const { retValue, retOk } = values;
      if (retValue === undefined || retOk === undefined) throw new Error(`the spec is inconsistent: ${op.kind} returned no (value, ok)`);
      return { kind: 'value', value: retValue, ok: retOk === 1 };
    }
    case 'range': {
      const out: Array<[number, number]> = [];
      for (let i = 0; i < pairs.length; i += 2) out.push([pairs[i]!, pairs[i + 1]!]);
      return { kind: 'pairs', pairs: out };
    }
    case 'clear':
    case 'len':
      throw new Error(`sync.Map has no ${op.kind} operation`);
  }
}

import type { Op } from '../types.js';
import { MAPASSIGN } from './fns/assign.js';
import { ACCESS, LEN } from './fns/callers.js';
import { MAPCLEAR } from './fns/clear.js';
import { MAPDELETE } from './fns/delete.js';
import { ADVANCE_EVACUATION_MARK, EVACUATE, GROW_WORK, HASH_GROW, NEW_OVERFLOW } from './fns/grow.js';
import { RANGE } from './fns/iterate.js';
import { MAPACCESS2, MAPACCESS_K } from './fns/lookup.js';
import type { FunctionTable, OpEntry } from './machine.js';
import { HMAP_LIVE_LOCALS } from './live-locals.js';
import { functionTable } from '../locals.js';
import type { GoFunction } from './program.js';

const ALL: GoFunction[] = [
  MAPASSIGN, ACCESS, LEN, MAPCLEAR, MAPDELETE, ADVANCE_EVACUATION_MARK, EVACUATE, GROW_WORK, HASH_GROW,
  NEW_OVERFLOW, RANGE, MAPACCESS2, MAPACCESS_K,
];

/** Every Go function of the runtime map spec, by name, each with its live locals (locals.ts). */
export const HMAP_FUNCTIONS: FunctionTable = functionTable(ALL, HMAP_LIVE_LOCALS);

/** The same functions keeping every local: what dropping dead ones is compared with. */
export const HMAP_FUNCTIONS_KEEPING_LOCALS: FunctionTable = functionTable(ALL);

/** The function each map operation starts in. */
export const hmapEntry: OpEntry = (op: Op): { fn: string; args: Record<string, number> } => {
  switch (op.kind) {
    case 'assign': return { fn: MAPASSIGN.name, args: { key: op.key, value: op.value } };
    case 'access': return { fn: ACCESS.name, args: { key: op.key } };
    case 'delete': return { fn: MAPDELETE.name, args: { key: op.key } };
    case 'range': return { fn: RANGE.name, args: {} };
    case 'clear': return { fn: MAPCLEAR.name, args: {} };
    case 'len': return { fn: LEN.name, args: {} };
    // sync.Map's methods, not the plain map's: the hmap alphabet never offers them.
    case 'loadOrStore':
    case 'loadAndDelete':
      throw new Error(`the plain map has no ${op.kind} operation`);
  }
};

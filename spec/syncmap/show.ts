import { NONE } from './constants.js';
import { mapOf, type Mem, readOnlyOf } from './state.js';

/** How memory reads to a person, in step details. */

const keyName = (k: number): string => `k${k}`;

/** A map for humans: 'm1{k0:e0 k1:e3}', or 'nil'. */
export function showMap(mem: Mem, id: number): string {
  if (id === NONE) return 'nil';
  return `m${id}{${mapOf(mem, id).map(([k, e]) => `${keyName(k)}:e${e}`).join(' ')}}`;
}

/** A readOnly for humans: 'r2(m1{k0:e0}, amended)', or 'nil' before the first read.Store. */
export function showReadOnly(mem: Mem, id: number): string {
  if (id === NONE) return 'nil';
  const ro = readOnlyOf(mem, id);
  return `r${id}(${showMap(mem, ro.m)}${ro.amended ? ', amended' : ''})`;
}

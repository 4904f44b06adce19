/** What workers.test.ts and its worker.ts agree on: the control words and the expected values. */

export interface WorkerInput {
  w: number;
  map: SharedArrayBuffer;
  control: SharedArrayBuffer;
  keys: number;
  increments: number;
}

/** Words of the control buffer. */
export const ARRIVED = 0;
export const MUTEX = 1;
export const COUNTER = 2;
export const CONTROL_WORDS = 4;

/** Worker w owns keys w*KEY_SPAN .. w*KEY_SPAN + keys - 1; keys above KEY_SPAN/2 stay absent. */
export const KEY_SPAN = 100_000;

/** What key w*KEY_SPAN + i holds at the end: worker.ts's useMap, run alone. */
export function expectedValue(i: number): number | undefined {
  if (i % 5 !== 0) return 2 * i + 1;
  return i % 7 === 0 ? -(i + 1) : undefined;
}

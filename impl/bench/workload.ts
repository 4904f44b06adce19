import type { MapConfig } from '../../spec/config.js';

/** Go's real constants over `keys` keys with well-spread hashes (a fixed LCG, so runs compare). */
export function goConfig(keys: number): MapConfig {
  const hashes: number[] = [];
  let x = 0x9e3779b9;
  for (let k = 0; k < keys; k++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    hashes.push(x);
  }
  return {
    name: `go-${keys}`, description: `Go's constants, ${keys} keys`, bucketCnt: 8, loadFactorNum: 13, loadFactorDen: 2,
    initialB: 0, hashes,
  };
}

/** The operations one benchmark round makes on a fresh map, as calls on whatever map type. */
export interface MapLike {
  assign(k: number, v: number): void;
  access(k: number): { value: number; ok: boolean };
  delete(k: number): void;
  range(): Iterable<[number, number]>;
}

/**
 * Fill every key (growing the map several times), read each twice, delete every other one, read
 * again, range once. Returns the number of operations, and a checksum so nothing is optimised away.
 */
export function round(m: MapLike, keys: number): { ops: number; sum: number } {
  let sum = 0;
  for (let k = 0; k < keys; k++) m.assign(k, k + 1);
  for (let r = 0; r < 2; r++) for (let k = 0; k < keys; k++) sum += m.access(k).value;
  for (let k = 0; k < keys; k += 2) m.delete(k);
  for (let k = 0; k < keys; k++) sum += m.access(k).value;
  for (const [, v] of m.range()) sum += v;
  return { ops: keys * 4 + Math.ceil(keys / 2) + 1, sum };
}

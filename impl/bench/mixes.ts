/** An operation mix in percent: the rest after access and assign is delete. */
export interface Mix {
  name: string;
  access: number;
  assign: number;
}

export const MIXES: Mix[] = [
  { name: 'read-mostly', access: 90, assign: 9 },
  { name: 'write-heavy', access: 20, assign: 50 },
];

/** xorshift32: the same op sequence for every subject, so they run the same work. */
export function nextRandom(state: Int32Array): number {
  let x = state[0]!;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  state[0] = x;
  return (x >>> 0) / 0x1_0000_0000;
}

export type OpKind = 'access' | 'assign' | 'delete';

export function pickOp(mix: Mix, r: number): OpKind {
  const p = r * 100;
  return p < mix.access ? 'access' : p < mix.access + mix.assign ? 'assign' : 'delete';
}

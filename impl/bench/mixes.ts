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

export type OpKind = 'access' | 'assign' | 'delete';

export function pickOp(mix: Mix, r: number): OpKind {
  const p = r * 100;
  return p < mix.access ? 'access' : p < mix.access + mix.assign ? 'assign' : 'delete';
}

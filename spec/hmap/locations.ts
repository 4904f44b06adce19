import { NIL, ZERO_KEY } from './constants.js';
import { type Hmap, withHmap } from './state.js';

/** The hmap fields a step can touch. 'extra.*' stand for h.extra.overflow / oldoverflow. */
export type Field =
  | 'count' | 'flags' | 'B' | 'noverflow' | 'buckets' | 'oldbuckets' | 'nevacuate'
  | 'extra.overflow' | 'extra.oldoverflow';

export const FIELDS: readonly Field[] = [
  'count', 'flags', 'B', 'noverflow', 'buckets', 'oldbuckets', 'nevacuate', 'extra.overflow', 'extra.oldoverflow',
];

/** A shared memory location: an hmap field, a cell of a bucket, or a bucket's overflow pointer. */
export type Loc =
  | { field: Field }
  | { cell: 'tophash' | 'key' | 'elem'; bucket: number; i: number }
  | { overflowOf: number };

const POINTER_FIELDS = new Set<Field>(['buckets', 'oldbuckets']);

export function bucketName(id: number): string {
  return id === NIL ? 'nil' : `b${id}`;
}

/** The location's name in traces and diagrams: 'flags', 'b3.tophash[0]', 'b3.overflow'. */
export function locName(loc: Loc): string {
  if ('field' in loc) return loc.field;
  if ('cell' in loc) return `${bucketName(loc.bucket)}.${loc.cell}[${loc.i}]`;
  return `${bucketName(loc.overflowOf)}.overflow`;
}

/** How a value stored at `loc` reads to a person: keys as kN, elems as vN, pointers as bN. */
export function showValue(loc: Loc, value: number): string {
  if ('field' in loc) return POINTER_FIELDS.has(loc.field) ? bucketName(value) : String(value);
  if ('overflowOf' in loc) return bucketName(value);
  if (loc.cell === 'key') return value === ZERO_KEY ? '0' : `k${value}`;
  if (loc.cell === 'elem') return value === 0 ? '0' : `v${value}`;
  return String(value);
}

const FIELD_KEYS: Record<Field, keyof Hmap> = {
  count: 'count', flags: 'flags', B: 'B', noverflow: 'noverflow', buckets: 'buckets',
  oldbuckets: 'oldbuckets', nevacuate: 'nevacuate', 'extra.overflow': 'extraOverflow',
  'extra.oldoverflow': 'extraOldoverflow',
};

export function readField(h: Hmap, f: Field): number {
  return h[FIELD_KEYS[f]] as number;
}

export function writeField(h: Hmap, f: Field, value: number): Hmap {
  return withHmap(h, { [FIELD_KEYS[f]]: value });
}

/**
 * Small readers that turn parsed JSON (`unknown`) into typed values, stopping at the first bad
 * field and naming its path ('schedule[3].g'), so a hand-edited trace gets a precise one-line error.
 * Records are rebuilt from their shape, in the shape's key order, and reject unknown fields: a
 * misspelt field must not be silently ignored in an artifact meant to be replayed exactly.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; path: string; problem: string };
export type Reader<T> = (v: unknown, path: string) => Checked<T>;

export function fail(path: string, problem: string): { ok: false; path: string; problem: string } {
  return { ok: false, path, problem };
}

const good = <T>(value: T): Checked<T> => ({ ok: true, value });

/** Missing fields say so; present ones say what they must be. */
const bad = (v: unknown, path: string, mustBe: string) =>
  fail(path, v === undefined ? 'is missing' : `must be ${mustBe}`);

export const string: Reader<string> = (v, path) => (typeof v === 'string' ? good(v) : bad(v, path, 'a string'));

export const boolean: Reader<boolean> = (v, path) => (typeof v === 'boolean' ? good(v) : bad(v, path, 'true or false'));

export const number: Reader<number> = (v, path) => (typeof v === 'number' && Number.isFinite(v) ? good(v) : bad(v, path, 'a number'));

export const nonEmptyString: Reader<string> = (v, path) =>
  typeof v === 'string' && v !== '' ? good(v) : bad(v, path, 'a non-empty string');

export function literal<T extends string | number>(expected: T): Reader<T> {
  return (v, path) => (v === expected ? good(expected) : bad(v, path, JSON.stringify(expected)));
}

/** An integer in [min, max]. */
export function integer(min: number, max: number = Number.MAX_SAFE_INTEGER): Reader<number> {
  const range = describeRange(min, max);
  return (v, path) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? good(v) : bad(v, path, range);
}

/** The range the way a reader of the file thinks of it. */
function describeRange(min: number, max: number): string {
  if (max !== Number.MAX_SAFE_INTEGER) return `an integer between ${min} and ${max}`;
  if (min === 0) return 'a non-negative integer';
  if (min === 1) return 'a positive integer';
  return `an integer of at least ${min}`;
}

export function array<T>(item: Reader<T>, options: { nonEmpty?: boolean } = {}): Reader<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) return bad(v, path, options.nonEmpty ? 'a non-empty array' : 'an array');
    if (options.nonEmpty && v.length === 0) return fail(path, 'must not be empty');
    const out: T[] = [];
    for (const [i, x] of v.entries()) {
      const r = item(x, `${path}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return good(out);
  };
}

export type Shape<T> = { [K in keyof T]-?: Reader<T[K]> };

export function record<T>(shape: Shape<T>): Reader<T> {
  return (v, path) => {
    if (!isPlainObject(v)) return bad(v, path, 'an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape) as Array<keyof T & string>) {
      const r = shape[key](v[key], join(path, key));
      if (!r.ok) return r;
      // An absent optional field stays absent rather than becoming `key: undefined`.
      if (r.value !== undefined) out[key] = r.value;
    }
    const unknown = Object.keys(v).find((k) => !Object.hasOwn(shape, k));
    if (unknown !== undefined) return fail(join(path, unknown), 'is not a known field');
    return good(out as T);
  };
}

/** An object whose keys are free and whose values all read as `value`. */
export function dictionary<T>(value: Reader<T>): Reader<Record<string, T>> {
  return (v, path) => {
    if (!isPlainObject(v)) return bad(v, path, 'an object');
    const out: Record<string, T> = {};
    for (const [k, x] of Object.entries(v)) {
      const r = value(x, join(path, k));
      if (!r.ok) return r;
      out[k] = r.value;
    }
    return good(out);
  };
}

/** A field that may be left out; when present it must read as `inner`. */
export function optional<T>(inner: Reader<T>): Reader<T | undefined> {
  return (v, path) => (v === undefined ? good(undefined) : inner(v, path));
}

/** One of a few strings. */
export function oneOf<T extends string>(options: readonly T[]): Reader<T> {
  return (v, path) => (typeof v === 'string' && (options as readonly string[]).includes(v)
    ? good(v as T) : bad(v, path, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`));
}

/** A union tagged by `kind`: the tag picks the shape, so errors name the right fields. */
export function tagged<T extends { kind: string }>(shapes: { [K in T['kind']]: Reader<Extract<T, { kind: K }>> }): Reader<T> {
  const kinds = Object.keys(shapes);
  return (v, path) => {
    if (!isPlainObject(v)) return bad(v, path, 'an object');
    const kind = v.kind;
    if (typeof kind !== 'string' || !Object.hasOwn(shapes, kind)) {
      return bad(kind, join(path, 'kind'), `one of ${kinds.map((k) => JSON.stringify(k)).join(', ')}`);
    }
    return (shapes as Record<string, Reader<T>>)[kind]!(v, path);
  };
}

/** 'config.hashes'; a key that is not a plain name (only unknown keys can be) prints quoted. */
export function join(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

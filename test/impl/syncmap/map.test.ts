/**
 * Sequential fidelity of SharedSyncMap: run by one thread, every program gives the sequential
 * model's results (spec/model.ts) and holds the model's contents after every operation, over
 * the paths that make sync.Map unusual: promotion after misses, expunging, unexpunging, Range
 * promoting dirty, and the calls a Range callback makes. Keys and values go through an encoding,
 * so the same programs also run with any int32 (0, -1, extremes, the expunged sentinel's word).
 * The model ranges by key, sync.Map in the order keys were added to read.m (the spec's order,
 * which conformance checks): a Range's pairs are compared with the model's as a set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIRTY_LOCKED, E_TRY_EXPUNGE, E_UNEXPUNGE, MISS_LOCKED, RANGE } from '../../../impl/syncmap/labels.js';
import { SharedSyncMap } from '../../../impl/syncmap/index.js';
import { SMALL } from '../../../spec/config.js';
import { describeOp } from '../../../spec/describe.js';
import { ABSENT, type MapModelState, modelInit, modelStep } from '../../../spec/model.js';
import type { Op, OpResult } from '../../../spec/types.js';
import { syncProgramArb } from '../../spec/syncmap/helpers.js';

const KEYS = 3;

/** How the model's keys (0..KEYS-1) and values (unique, ≥ 1) are written into the real map. */
interface Encoding {
  name: string;
  keys: readonly number[];
  value(v: number): number;
}

/** int32s a careless encoding would confuse with nil (0), expunged (-1, or word 8) or a box. */
const ODD_VALUES = [0, -1, 8, -(2 ** 31), 2 ** 31 - 1, 16, 1, 2];
const ENCODINGS: Encoding[] = [
  { name: 'the model\'s own keys and values', keys: [0, 1, 2], value: (v) => v },
  {
    name: 'odd int32 keys and values',
    keys: [-(2 ** 31), 0, 2 ** 31 - 1],
    value: (v) => (v <= ODD_VALUES.length ? ODD_VALUES[v - 1]! : -1000 - v),
  },
];

function encodeOp(enc: Encoding, op: Op): Op {
  switch (op.kind) {
    case 'assign': case 'loadOrStore': return { ...op, key: enc.keys[op.key]!, value: enc.value(op.value) };
    case 'access': case 'delete': case 'loadAndDelete': return { ...op, key: enc.keys[op.key]! };
    case 'range': return op.value === undefined ? op : { ...op, value: enc.value(op.value) };
    default: return op;
  }
}

/** The model's result written the way the real map gives it. */
function encodeResult(enc: Encoding, r: OpResult): OpResult {
  // The model's values are ≥ 1: 0 is its 'absent' (LoadOrStore's stored value has ok false too).
  if (r.kind === 'value') return r.value === ABSENT ? r : { ...r, value: enc.value(r.value) };
  if (r.kind === 'pairs') return { kind: 'pairs', pairs: r.pairs.map(([k, v]) => [enc.keys[k]!, enc.value(v)]) };
  return r;
}

/**
 * A Range alone visits the model's pairs (only the first when it stops); its calls change the
 * model. The pairs come in the model's order, by key, so checkRange, not this result, judges
 * what the real Range visited; a stopping Range's call-free body leaves the state either way.
 */
function modelRange(s: MapModelState, op: Extract<Op, { kind: 'range' }>): { state: MapModelState; result: OpResult } {
  const r = modelStep(s, { kind: 'range' }).result;
  if (r.kind !== 'pairs') throw new Error('the model\'s range gave no pairs');
  const pairs = op.body === 'stop' ? r.pairs.slice(0, 1) : r.pairs;
  let state = s;
  for (const [k] of pairs) {
    if (op.body === 'delete') state = modelStep(state, { kind: 'delete', key: k }).state;
    if (op.body === 'store') state = modelStep(state, { kind: 'assign', key: k, value: op.value! }).state;
  }
  return { state, result: { kind: 'pairs', pairs } };
}

const PATHS = { promote: MISS_LOCKED.promote, rangePromote: RANGE.publish, expunge: E_TRY_EXPUNGE.cas, dirtyLocked: DIRTY_LOCKED.read };
type Path = keyof typeof PATHS | 'unexpunge' | 'nested';

function checkProgram(enc: Encoding, ops: readonly Op[], cov: Record<Path, number>): void {
  const seen = new Set<Path>();
  let labels: string[] = [];
  const m = SharedSyncMap.create(SMALL, { arenaWords: 1 << 14, hook: (l) => labels.push(l) });
  let model = modelInit(KEYS);
  for (const [i, op] of ops.entries()) {
    const where = `${enc.name}, op ${i} (${describeOp(op, 'syncmap')})`;
    const wasExpunged = (op.kind === 'assign' || op.kind === 'loadOrStore')
      && (m.inspect().read?.m ?? []).some(([k, p]) => k === enc.keys[op.key] && p === 'expunged');
    labels = [];
    const got = m.run(encodeOp(enc, op));
    const want = op.kind === 'range' ? modelRange(model, op) : modelStep(model, op);
    if (op.kind === 'range') checkRange(m, op, got, encodeResult(enc, modelStep(model, { kind: 'range' }).result), where);
    else expect(got, where).toEqual(encodeResult(enc, want.result));
    model = want.state;
    const held = new Map(model.flatMap((v, k): Array<[number, number]> => (v === ABSENT ? [] : [[enc.keys[k]!, enc.value(v)]])));
    expect(m.contents(), `${where}: contents`).toEqual(new Map([...held].sort((a, b) => a[0] - b[0])));
    expect(m.inspect().locked, `${where}: mu released`).toBe(false);
    for (const [path, label] of Object.entries(PATHS)) if (labels.includes(label)) seen.add(path as Path);
    if (wasExpunged && labels.includes(E_UNEXPUNGE.cas)) seen.add('unexpunge');
    if (op.kind === 'range' && op.body !== undefined && op.body !== 'stop' && got.kind === 'pairs' && got.pairs.length > 0) seen.add('nested');
  }
  for (const p of seen) cov[p]++;
}

/**
 * A Range's pairs against every pair the model holds (`all`): the same set, or one of them when
 * the callback stops; and in read.m's order, which the Range's callbacks leave as it was (they
 * only change entries already in read.m, in place).
 */
function checkRange(m: SharedSyncMap, op: Extract<Op, { kind: 'range' }>, got: OpResult, all: OpResult, where: string): void {
  if (got.kind !== 'pairs' || all.kind !== 'pairs') throw new Error(`${where}: a Range gave no pairs`);
  const byKey = (ps: ReadonlyArray<readonly [number, number]>) => [...ps].sort((a, b) => a[0] - b[0]);
  if (op.body === 'stop') {
    expect(got.pairs.length, `${where}: a stopping Range visits one pair`).toBe(Math.min(1, all.pairs.length));
    for (const p of got.pairs) expect(all.pairs, where).toContainEqual(p);
  } else {
    expect(byKey(got.pairs), where).toEqual(byKey(all.pairs));
  }
  const order = (m.inspect().read?.m ?? []).map(([k]) => k).filter((k) => got.pairs.some(([g]) => g === k));
  expect(got.pairs.map(([k]) => k), `${where}: in read.m's order`).toEqual(order);
}

describe('SharedSyncMap, one thread', () => {
  it.each(ENCODINGS)('matches the sequential model with $name (300 programs of up to 50 operations)', (enc) => {
    const cov: Record<Path, number> = { promote: 0, rangePromote: 0, expunge: 0, dirtyLocked: 0, unexpunge: 0, nested: 0 };
    fc.assert(fc.property(syncProgramArb(KEYS), (ops) => checkProgram(enc, ops, cov)), { numRuns: 300 });
    // The property is only as strong as the paths it went through.
    for (const [path, programs] of Object.entries(cov)) expect(programs, `programs through ${path}`).toBeGreaterThan(20);
  });

  it('runs Go\'s TestMapRangeNestedCall: every method works from inside a Range callback', () => {
    const m = SharedSyncMap.create(SMALL);
    const stored = new Map([[1, 10], [2, 20], [3, 30]]);
    for (const [k, v] of stored) m.store(k, v);
    m.range((key, value) => {
      m.range((k, v) => {
        expect(m.load(k)).toEqual({ value: v, ok: true });
        expect(m.loadOrStore(42, 7)).toEqual({ actual: 7, loaded: false });
        m.store(42, 99);
        expect(m.loadAndDelete(42)).toEqual({ value: 99, ok: true });
        return true;
      });
      expect(stored.get(key)).toBe(value);
      m.delete(key);
      return true;
    });
    expect(m.contents()).toEqual(new Map());
    let visited = 0;
    m.range(() => void visited++);
    expect(visited).toBe(0);
  });

  it('stops a Range when the callback returns false', () => {
    const m = SharedSyncMap.create(SMALL);
    for (let k = 0; k < 5; k++) m.store(k, k);
    const keys: number[] = [];
    m.range((k) => (keys.push(k), keys.length < 2));
    expect(keys).toEqual([0, 1]);
  });

  it('rejects what sync.Map has not, and numbers that are not int32', () => {
    const m = SharedSyncMap.create(SMALL);
    expect(() => m.run({ kind: 'len' })).toThrow(/sync.Map has no len operation/);
    expect(() => m.run({ kind: 'clear' })).toThrow(/no clear/);
    expect(() => m.store(2 ** 31, 1)).toThrow(RangeError);
    expect(() => m.store(1, 1.5)).toThrow(/value 1.5 is not an int32/);
    expect(() => m.load(Number.NaN)).toThrow(RangeError);
  });

  it('is the same map from every view attached to its buffer, and refuses a foreign buffer', () => {
    const m = SharedSyncMap.create(SMALL);
    const other = SharedSyncMap.attach(SMALL, m.buffer);
    m.store(5, 50);
    expect(other.loadAndDelete(5)).toEqual({ value: 50, ok: true });
    expect(m.load(5)).toEqual({ value: 0, ok: false });
    expect(() => SharedSyncMap.attach(SMALL, new SharedArrayBuffer(1024))).toThrow(/not a sync.Map buffer/);
  });
});

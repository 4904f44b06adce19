import type { ValueNamer } from '../canon.js';
import { remembered } from '../remember.js';
import type { Op } from '../types.js';
import { NONE } from './constants.js';
import type { FunctionTable, LocalKind } from './program.js';
import { type GState, mapOf, type SyncMapState } from './state.js';

/**
 * Canonical text of a state: equal texts mean the same future. Heap ids depend on allocation
 * order, which differs between interleavings that reach the same memory, so readOnlys, maps
 * and entries are renumbered in the order they are reached (m.read, m.dirty, then each
 * goroutine's locals in `order`), and what is not reached is garbage and left out. Values are
 * named through `values` in the order the text mentions them; mu's holder is named by its
 * position in `order`.
 */
export function encodeState(fns: FunctionTable, s: SyncMapState, values: ValueNamer, order: readonly number[]): string {
  const heap = new Reach(s);
  const { mem } = s;
  const mu = mem.mu === NONE ? '-' : String(order.indexOf(mem.mu));
  const head = `r${heap.readOnly(mem.read)}d${heap.map(mem.dirty)}x${mem.misses}u${mu}!${s.violated ?? ''}`;
  const gs = order.map((g) => encodeGoroutine(fns, s.gs[g]!, heap, values));
  return [head, ...gs, heap.text(values)].join('|');
}

/** A value or e.p: positive numbers are values and get named; 0 (nil) and EXPUNGED stay. */
function named(values: ValueNamer, v: number): number {
  return v > 0 ? values.name(v) : v;
}

function opText(op: Op, values: ValueNamer): string {
  const key = 'key' in op ? op.key : '';
  const value = 'value' in op && op.value !== undefined ? `=${named(values, op.value)}` : '';
  const body = op.kind === 'range' && op.body ? `/${op.body}` : '';
  return `${op.kind}${key}${value}${body}`;
}

function encodeGoroutine(fns: FunctionTable, g: GState, heap: Reach, values: ValueNamer): string {
  if (!g.op) return '-';
  const frames = g.frames.map((f) => {
    const kinds = fns[f.fn]!.locals;
    // The frame's locals in name order (every one is declared: the machine checks).
    let vars = '';
    for (const k of sortedLocals(kinds)) {
      if (!Object.hasOwn(f.v, k)) continue;
      vars += `${vars ? ',' : ''}${k}=${local(kinds[k]!, f.v[k]!, heap, values)}`;
    }
    return `${f.fn}.${f.pc}(${vars})`;
  });
  const pairs = g.pairs.map((x, i) => (i % 2 ? named(values, x) : x));
  const nested = g.nested ? `>${opText(g.nested, values)}@${g.nestedBase}.${g.nestedCalled}` : '';
  return `${opText(g.op, values)}${g.called}${nested}[${frames.join('/')}]p${pairs.join(',')}`;
}

/** A function's declared locals, sorted once instead of a frame's keys at every encoding. */
const SORTED_LOCALS = new WeakMap<object, string[]>();

function sortedLocals(kinds: Readonly<Record<string, LocalKind>>): string[] {
  return remembered(SORTED_LOCALS, kinds, () => Object.keys(kinds).sort());
}

function local(kind: LocalKind, x: number, heap: Reach, values: ValueNamer): number {
  switch (kind) {
    case 'int': return x;
    case 'value': return named(values, x);
    case 'entry': return heap.entry(x);
    case 'readOnly': return heap.readOnly(x);
  }
}

/** Canonical ids, given in the order objects are first reached; reaching one reaches what it points to. */
class Reach {
  private readonly ro = new Map<number, number>();
  private readonly maps = new Map<number, number>();
  private readonly entries = new Map<number, number>();

  constructor(private readonly s: SyncMapState) {}

  readOnly(id: number): number {
    if (id === NONE) return NONE;
    let n = this.ro.get(id);
    if (n === undefined) {
      n = this.ro.size;
      this.ro.set(id, n);
      this.map(this.s.mem.readOnlys[id]!.m);
    }
    return n;
  }

  map(id: number): number {
    if (id === NONE) return NONE;
    let n = this.maps.get(id);
    if (n === undefined) {
      n = this.maps.size;
      this.maps.set(id, n);
      for (const [, e] of mapOf(this.s.mem, id)) this.entry(e);
    }
    return n;
  }

  entry(id: number): number {
    if (id === NONE) return NONE;
    let n = this.entries.get(id);
    if (n === undefined) {
      n = this.entries.size;
      this.entries.set(id, n);
    }
    return n;
  }

  /** Every reached object's contents, in canonical order (Maps iterate in insertion order). */
  text(values: ValueNamer): string {
    const { mem } = this.s;
    const ros = [...this.ro.keys()].map((id) => {
      const r = mem.readOnlys[id]!;
      return `${this.map(r.m)}${r.amended ? 'a' : ''}`;
    });
    const maps = [...this.maps.keys()].map((id) => mapOf(mem, id).map(([k, e]) => `${k}:${this.entry(e)}`).join(','));
    const entries = [...this.entries.keys()].map((id) => named(values, mem.entries[id]!));
    return `${ros.join(';')}#${maps.join(';')}#${entries.join(',')}`;
  }
}

import type { KeyNamer, ValueNamer } from '../canon.js';
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
 * named through `values` in the order the text mentions them, and so are keys through `keys`
 * when given (key symmetry: maps keep keys in the order added, so nothing here depends on their
 * names); mu's holder is named by its position in `order`.
 */
export function encodeState(fns: FunctionTable, s: SyncMapState, values: ValueNamer, order: readonly number[], keys?: KeyNamer): string {
  const heap = new Reach(s, keys);
  const { mem } = s;
  const mu = mem.mu === NONE ? '-' : String(order.indexOf(mem.mu));
  // Built by concatenation, one string at a time: this runs for every state key, and the arrays
  // that map and join made were a good part of the search's garbage.
  let text = `r${heap.readOnly(mem.read)}d${heap.map(mem.dirty)}x${mem.misses}u${mu}!${s.violated ?? ''}`;
  for (const g of order) text += `|${encodeGoroutine(fns, s.gs[g]!, heap, values)}`;
  return `${text}|${heap.text(values)}`;
}

/** A value or e.p: positive numbers are values and get named; 0 (nil) and EXPUNGED stay. */
function named(values: ValueNamer, v: number): number {
  return v > 0 ? values.name(v) : v;
}

function opText(op: Op, values: ValueNamer, heap: Reach): string {
  const key = 'key' in op ? heap.key(op.key) : '';
  const value = 'value' in op && op.value !== undefined ? `=${named(values, op.value)}` : '';
  const body = op.kind === 'range' && op.body ? `/${op.body}` : '';
  return `${op.kind}${key}${value}${body}`;
}

function encodeGoroutine(fns: FunctionTable, g: GState, heap: Reach, values: ValueNamer): string {
  if (!g.op) return '-';
  // Values are named in the order met: the frames' locals, the pairs, the nested operation, the operation.
  let frames = '';
  for (let i = 0; i < g.frames.length; i++) {
    const f = g.frames[i]!;
    const kinds = fns[f.fn]!.locals;
    // The frame's locals in name order (every one is declared: the machine checks).
    let vars = '';
    for (const k of sortedLocals(kinds)) {
      if (!Object.hasOwn(f.v, k)) continue;
      vars += `${vars ? ',' : ''}${k}=${local(kinds[k]!, f.v[k]!, heap, values)}`;
    }
    frames += `${i ? '/' : ''}${f.fn}.${f.pc}(${vars})`;
  }
  let pairs = '';
  for (let i = 0; i < g.pairs.length; i++) pairs += `${i ? ',' : ''}${i % 2 ? named(values, g.pairs[i]!) : heap.key(g.pairs[i]!)}`;
  const nested = g.nested ? `>${opText(g.nested, values, heap)}@${g.nestedBase}.${g.nestedCalled}` : '';
  return `${opText(g.op, values, heap)}${g.called}${nested}[${frames}]p${pairs}`;
}

/** A function's declared locals, sorted once instead of a frame's keys at every encoding. */
const SORTED_LOCALS = new WeakMap<object, string[]>();

function sortedLocals(kinds: Readonly<Record<string, LocalKind>>): string[] {
  return remembered(SORTED_LOCALS, kinds, () => Object.keys(kinds).sort());
}

function local(kind: LocalKind, x: number, heap: Reach, values: ValueNamer): number {
  switch (kind) {
    case 'int': return x;
    case 'key': return heap.key(x);
    case 'value': return named(values, x);
    case 'entry': return heap.entry(x);
    case 'readOnly': return heap.readOnly(x);
  }
}

/**
 * Canonical ids, given in the order objects are first reached; reaching one reaches what it
 * points to. Each kind's reached raw ids are kept in reach order, so an object's canonical id is
 * its index there: a state reaches a handful of each, where indexOf beats a Map.
 */
class Reach {
  private readonly ro: number[] = [];
  private readonly maps: number[] = [];
  private readonly entries: number[] = [];

  constructor(private readonly s: SyncMapState, private readonly keys: KeyNamer | undefined) {}

  /** A key's name (its raw number without key symmetry). */
  key(k: number): number {
    return this.keys ? this.keys.name(k) : k;
  }

  readOnly(id: number): number {
    if (id === NONE) return NONE;
    let n = this.ro.indexOf(id);
    if (n < 0) {
      n = this.ro.push(id) - 1;
      this.map(this.s.mem.readOnlys[id]!.m);
    }
    return n;
  }

  map(id: number): number {
    if (id === NONE) return NONE;
    let n = this.maps.indexOf(id);
    if (n < 0) {
      n = this.maps.push(id) - 1;
      for (const [, e] of mapOf(this.s.mem, id)) this.entry(e);
    }
    return n;
  }

  entry(id: number): number {
    if (id === NONE) return NONE;
    let n = this.entries.indexOf(id);
    if (n < 0) n = this.entries.push(id) - 1;
    return n;
  }

  /** Every reached object's contents, in canonical order. */
  text(values: ValueNamer): string {
    const { mem } = this.s;
    let text = '';
    for (let i = 0; i < this.ro.length; i++) {
      const r = mem.readOnlys[this.ro[i]!]!;
      text += `${i ? ';' : ''}${this.map(r.m)}${r.amended ? 'a' : ''}`;
    }
    text += '#';
    for (let i = 0; i < this.maps.length; i++) {
      let pairs = '';
      for (const [k, e] of mapOf(mem, this.maps[i]!)) pairs += `${pairs ? ',' : ''}${this.key(k)}:${this.entry(e)}`;
      text += `${i ? ';' : ''}${pairs}`;
    }
    text += '#';
    for (let i = 0; i < this.entries.length; i++) text += `${i ? ',' : ''}${named(values, mem.entries[this.entries[i]!]!)}`;
    return text;
  }
}

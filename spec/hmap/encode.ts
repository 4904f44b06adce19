import type { ValueNamer } from '../canon.js';
import { remembered } from '../remember.js';
import type { Op } from '../types.js';
import { NIL, WILD } from './constants.js';
import type { FunctionTable, GState, MState } from './machine.js';
import { type KeyText, keyText } from './keys.js';
import type { Bucket, Hmap } from './state.js';

/**
 * Canonical text of a machine state. Bucket ids depend on allocation order, which differs
 * between interleavings that reach the same memory; here allocations are renumbered in the order
 * they are reached from the roots (buckets, oldbuckets, then each goroutine's pointer locals), and
 * unreachable ones (garbage) are left out, so such states compare equal. Values are named by
 * `values` in the same walk, and with `keys` (key symmetry, keys.ts) so are keys and tophashes.
 */
export function encodeMachine(fns: FunctionTable, s: MState, values: ValueNamer, order: readonly number[], keys?: KeyText): string {
  const { h } = s;
  const heap = new Renumbering(h);
  // Built by concatenation, in the order the renumbering and the namers must meet things:
  // this runs for every goroutine order of every state key.
  let text = `c${h.count}f${h.flags}B${h.B}n${h.noverflow}b${heap.of(h.buckets)}o${heap.of(h.oldbuckets)}e${h.nevacuate}x${h.extraOverflow}${h.extraOldoverflow}`;
  for (const g of order) text += `|${encodeGoroutine(fns, s.gs[g]!, heap, values, keys)}`;
  return `${text}|${heap.heapText(values, keys)}`;
}

function encodeGoroutine(fns: FunctionTable, g: GState, heap: Renumbering, values: ValueNamer, keys: KeyText | undefined): string {
  if (!g.op) return '-';
  // Named in this order: the frames' locals, the pairs, then the operation.
  let frames = '';
  for (let i = 0; i < g.frames.length; i++) {
    const f = g.frames[i]!;
    const kinds = varKinds(fns, f.fn);
    let vars = '';
    for (const k of Object.keys(f.v).sort()) {
      const x = f.v[k]!;
      const kind = kinds.get(k);
      let text: number | string = x;
      if (kind === 'ptr') text = heap.of(x);
      else if (kind === 'value') text = values.name(x);
      else if (keys && kind === 'key') text = keys.key(x);
      else if (keys && kind === 'top') text = keys.top(x);
      vars += `${vars ? ',' : ''}${k}=${text}`;
    }
    frames += `${i ? '/' : ''}${f.fn}.${f.pc}(${vars})`;
  }
  let pairs = '';
  for (let i = 0; i < g.pairs.length; i++) pairs += `${i ? ',' : ''}${i % 2 ? values.name(g.pairs[i]!) : keyText(g.pairs[i]!, keys)}`;
  return `${opText(g.op, values, keys)}${g.called}[${frames}]p${pairs}`;
}

type VarKind = 'ptr' | 'value' | 'key' | 'top';

/** Which locals of a function hold bucket pointers, map values, keys or tophashes, looked up once per function. */
const VAR_KINDS = new WeakMap<FunctionTable, Map<string, Map<string, VarKind>>>();

function varKinds(fns: FunctionTable, name: string): Map<string, VarKind> {
  const byFn = remembered(VAR_KINDS, fns, () => new Map<string, Map<string, VarKind>>());
  let kinds = byFn.get(name);
  if (!kinds) {
    const fn = fns[name];
    const of = (vars: readonly string[] | undefined, kind: VarKind): Array<[string, VarKind]> => (vars ?? []).map((v) => [v, kind]);
    kinds = new Map([...of(fn?.valueVars, 'value'), ...of(fn?.pointerVars, 'ptr'), ...of(fn?.keyVars, 'key'), ...of(fn?.topVars, 'top')]);
    byFn.set(name, kinds);
  }
  return kinds;
}

/** An operation as the plain map's encodings write it (the guarded maps' too): kind, key, value. */
export function opText(op: Op, values: ValueNamer, keys: KeyText | undefined): string {
  const key = 'key' in op ? keyText(op.key, keys) : '';
  return `${op.kind}${key}${'value' in op && op.value !== undefined ? `=${values.name(op.value)}` : ''}`;
}

/**
 * The part of a bucket's text that no renaming touches (tophash and keys). Buckets are never
 * changed in place (a write makes a new one), so the text is cached per bucket object: most
 * buckets are shared by many states.
 */
const FIXED_TEXT = new WeakMap<Bucket, string>();

function fixedText(b: Bucket): string {
  return remembered(FIXED_TEXT, b, () => `${b.tophash.join(',')}:${b.keys.join(',')}`);
}

/** fixedText under key symmetry: the renaming depends on the state, so nothing is cached. */
function renamedText(b: Bucket, keys: KeyText): string {
  let text = '';
  for (let i = 0; i < b.tophash.length; i++) text += `${i > 0 ? ',' : ''}${keys.top(b.tophash[i]!)}`;
  text += ':';
  for (let i = 0; i < b.keys.length; i++) text += `${i > 0 ? ',' : ''}${keys.key(b.keys[i]!)}`;
  return text;
}

class Renumbering {
  private readonly base = new Map<number, number>(); // allocation first id -> canonical first id
  private readonly order: Array<{ first: number; size: number }> = [];
  private next = 0;

  constructor(private readonly h: Hmap) {}

  of(id: number): number {
    if (id === NIL || id === WILD) return id;
    const { allocations } = this.h;
    let a: (typeof allocations)[number] | undefined;
    for (const x of allocations) {
      if (id >= x.first && id < x.first + x.size) {
        a = x;
        break;
      }
    }
    if (!a) return WILD;
    let b = this.base.get(a.first);
    if (b === undefined) {
      b = this.next;
      this.base.set(a.first, b);
      this.next += a.size;
      this.order.push(a);
    }
    return b + (id - a.first);
  }

  /** Contents of every reachable allocation, following overflow links as they are met. */
  heapText(values: ValueNamer, keys: KeyText | undefined): string {
    let text = '';
    for (let k = 0; k < this.order.length; k++) {
      const a = this.order[k]!;
      for (let id = a.first; id < a.first + a.size; id++) {
        const b = this.h.heap[id]!;
        let elems = '';
        for (let i = 0; i < b.elems.length; i++) elems += (i > 0 ? ',' : '') + values.name(b.elems[i]!);
        text += `${text ? ';' : ''}${keys ? renamedText(b, keys) : fixedText(b)}:${elems}>${this.of(b.overflow)}`;
      }
    }
    return text;
  }
}

import type { MapConfig } from '../config.js';
import { tophashOf } from '../config.js';
import type { Crash, OpResult } from '../types.js';
import { MIN_TOPHASH, NIL, PANIC_NIL_DEREF, WILD, WILD_ACCESS, ZERO_ELEM, ZERO_KEY } from './constants.js';
import { type Loc, locName, readField, showValue, writeField } from './locations.js';
import { allocate, allocationOf, type Bucket, type Hmap, withBucket, withCell } from './state.js';

/** Where control goes after a point has run. */
export type Control =
  | { kind: 'goto'; pc: string }
  | { kind: 'call'; fn: string; args: Record<string, number>; then: string }
  | { kind: 'return'; value: number | undefined }
  | { kind: 'finish'; result: OpResult }
  | { kind: 'crash'; crash: Crash };

const CELL_FIELDS = { tophash: 'tophash', key: 'keys', elem: 'elems' } as const;

/**
 * The scratch space of one step: a draft of the shared map, the running frame's locals, and a
 * record of the access made. Only the interpreter creates it; Go functions use it to read, write
 * and say where control goes.
 */
export class Ctx {
  readonly reads: string[] = [];
  readonly writes: string[] = [];
  readonly details: string[] = [];
  atomic = false;
  accesses = 0;
  control: Control | undefined;
  /** A (key, elem) pair the range loop body copied out in this step. */
  yielded: [number, number] | undefined;

  constructor(
    readonly cfg: MapConfig,
    public h: Hmap,
    public v: Record<string, number>,
    /** Whether to say in `details` what each access saw and did (Target.step's `detail`). */
    readonly detailed = true,
  ) {}

  // ---- values derived from the configuration (the hash "function") ----
  hash(key: number): number {
    return this.cfg.hashes[key]! >>> 0;
  }
  top(key: number): number {
    return tophashOf(this.hash(key), MIN_TOPHASH);
  }
  bucketMask(B: number): number {
    return (1 << B) - 1;
  }

  // ---- shared accesses: each call is the step's one access ----
  load(loc: Loc): number {
    const value = this.peek(loc);
    if (value === undefined) return 0;
    this.accesses++;
    this.reads.push(locName(loc));
    if (this.detailed) this.details.push(`${locName(loc)} = ${showValue(loc, value)}`);
    return value;
  }

  store(loc: Loc, value: number): void {
    const old = this.peek(loc);
    if (old === undefined) return;
    this.accesses++;
    this.writes.push(locName(loc));
    if (this.detailed) this.details.push(`${locName(loc)} ${showValue(loc, old)}→${showValue(loc, value)}`);
    this.h = this.poke(loc, value);
  }

  /**
   * memclr of one whole bucket (mapclear's makeBucketArray, map.go:1028): counted as one step
   * per bucket, writing every cell and the overflow link.
   */
  clearBucket(id: number): void {
    if (this.peek({ overflowOf: id }) === undefined) return;
    const name = locName({ overflowOf: id }).replace('.overflow', '');
    this.accesses++;
    this.writes.push(`${name}.*`);
    if (this.detailed) this.details.push(`${name} zeroed`);
    const n = this.cfg.bucketCnt;
    this.h = withBucket(this.h, id, {
      tophash: new Array<number>(n).fill(0), keys: new Array<number>(n).fill(ZERO_KEY),
      elems: new Array<number>(n).fill(ZERO_ELEM), overflow: NIL,
    });
  }

  /** sync/atomic Or8 on a field: one atomic read-modify-write (map.go:860). */
  atomicOr(field: 'flags', bits: number): void {
    const loc: Loc = { field };
    const old = readField(this.h, field);
    this.accesses++;
    this.atomic = true;
    this.reads.push(field);
    this.writes.push(field);
    if (this.detailed) this.details.push(`${locName(loc)} ${old}→${old | bits} (atomic)`);
    this.h = writeField(this.h, field, old | bits);
  }

  /** newobject / makeBucketArray: fresh zeroed buckets, private until a store publishes them. */
  alloc(size: number): number {
    const { h, first } = allocate(this.h, size, this.cfg.bucketCnt);
    this.h = h;
    return first;
  }

  // ---- control ----
  goto(pc: string): void {
    this.setControl({ kind: 'goto', pc });
  }
  call(fn: string, args: Record<string, number>, then: string): void {
    this.setControl({ kind: 'call', fn, args, then });
  }
  ret(value?: number): void {
    this.setControl({ kind: 'return', value });
  }
  finish(result: OpResult): void {
    this.setControl({ kind: 'finish', result });
  }
  crash(crash: Crash): void {
    this.setControl({ kind: 'crash', crash });
  }
  get crashed(): boolean {
    return this.control?.kind === 'crash';
  }
  /** A crash ends the program: whatever the point says after it is moot. */
  private setControl(c: Control): void {
    if (this.control?.kind !== 'crash') this.control = c;
  }

  /**
   * add(base, index*bucketsize). From nil it stays an invalid address near 0 (a nil dereference
   * when used); past the allocation's end it is a wild pointer.
   */
  ptr(base: number, index: number): number {
    if (base === NIL) return NIL;
    const a = allocationOf(this.h, base);
    if (a === undefined || base + index >= a.first + a.size) return WILD;
    return base + index;
  }

  // ---- memory ----
  /** The value at `loc`, or undefined after recording a crash for a nil or wild bucket. */
  private peek(loc: Loc): number | undefined {
    if ('field' in loc) return readField(this.h, loc.field);
    const b = this.bucket('cell' in loc ? loc.bucket : loc.overflowOf);
    if (b === undefined) return undefined;
    if ('overflowOf' in loc) return b.overflow;
    return b[CELL_FIELDS[loc.cell]][loc.i];
  }

  private poke(loc: Loc, value: number): Hmap {
    if ('field' in loc) return writeField(this.h, loc.field, value);
    if ('overflowOf' in loc) return withBucket(this.h, loc.overflowOf, { overflow: value });
    return withCell(this.h, loc.bucket, CELL_FIELDS[loc.cell], loc.i, value);
  }

  private bucket(id: number): Bucket | undefined {
    if (id === NIL) {
      this.crash({ kind: 'panic', message: PANIC_NIL_DEREF });
      this.accesses++;
      return undefined;
    }
    if (id === WILD || allocationOf(this.h, id) === undefined) {
      this.crash({ kind: 'wild', message: WILD_ACCESS });
      this.accesses++;
      return undefined;
    }
    return this.h.heap[id];
  }
}

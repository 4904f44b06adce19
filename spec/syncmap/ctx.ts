import type { Crash, Op } from '../types.js';
import { NIL_MAP_WRITE, NONE, showP, UNLOCK_OF_UNLOCKED } from './constants.js';
import { showMap, showReadOnly } from './show.js';
import { type GoMap, lookup, mapOf, type Mem, readOnlyOf, withKey, withMem } from './state.js';

/** Where control goes after a point has run. */
export type Control =
  | { kind: 'goto'; pc: string }
  /** `nested`: the call is an operation of its own, made from a Range callback. */
  | { kind: 'call'; fn: string; args: Record<string, number>; then: string; nested?: Op }
  /** Go's return: `values` are copied into the caller's locals of the same names. */
  | { kind: 'return'; values: Record<string, number> }
  | { kind: 'crash'; crash: Crash };

/** What one step did, gathered over its scheduling point and the silent points after it. */
export interface StepLog {
  reads: string[];
  writes: string[];
  /** What each access saw and did, for people; null when the step was asked for none (Target.step's `detail`). */
  details: string[] | null;
  /** Some access was a sync/atomic one (or mu's). */
  atomic: boolean;
  /** Plain accesses (dirty, misses) made. */
  plain: number;
  /** Pairs a Range gave its callback, flattened [k, v, ...]. */
  visited: number[];
}

export function emptyLog(detail = true): StepLog {
  return { reads: [], writes: [], details: detail ? [] : null, atomic: false, plain: 0, visited: [] };
}

const entryLoc = (e: number): string => `e${e}.p`;
const keyName = (k: number): string => `k${k}`;

/**
 * The scratch space of one point: a draft of shared memory, the running frame's locals and the
 * step's log. Go functions use it to access memory and to say where control goes; it counts the
 * scheduling-point accesses so the interpreter can check each step makes exactly one.
 */
export class Ctx {
  /** Scheduling-point accesses this point made. */
  sched = 0;
  /** This point ran mu.Lock() (it must then be marked `lock`, or enabled() cannot see it wait). */
  locked = false;
  control: Control | undefined;

  constructor(
    public mem: Mem,
    /** The goroutine running the point (it is who takes and holds mu). */
    readonly g: number,
    public v: Record<string, number>,
    readonly log: StepLog,
  ) {}

  // ---- [AL] / [AS]: m.read, an atomic.Value ----
  /** [AL] read.Load(); a nil interface asserts to the zero readOnly (map.go:111). */
  loadRead(): number {
    this.access('read', undefined, this.telling && `read = ${showReadOnly(this.mem, this.mem.read)}`);
    return this.mem.read;
  }

  /** [AS] read.Store(ro). */
  storeRead(ro: number): void {
    this.access(undefined, 'read', this.telling && `read ${showReadOnly(this.mem, this.mem.read)}→${showReadOnly(this.mem, ro)}`);
    this.mem = withMem(this.mem, { read: ro });
  }

  /** Builds readOnly{m, amended}: a fresh immutable object, private until stored. */
  newReadOnly(m: number, amended: boolean): number {
    this.mem = withMem(this.mem, { readOnlys: [...this.mem.readOnlys, { m, amended }] });
    return this.mem.readOnlys.length - 1;
  }

  // ---- read.m: immutable once built, so looking into it is no access ----
  readLookup(ro: number, key: number): number {
    return lookup(this.mem, readOnlyOf(this.mem, ro).m, key);
  }
  readMap(ro: number): number {
    return readOnlyOf(this.mem, ro).m;
  }
  readAmended(ro: number): boolean {
    return readOnlyOf(this.mem, ro).amended;
  }
  /** The i-th pair of read.m in its range order (withKey), or undefined past the end. */
  readAt(ro: number, i: number): readonly [key: number, entry: number] | undefined {
    return mapOf(this.mem, readOnlyOf(this.mem, ro).m)[i];
  }

  // ---- [LP] / [CAS] / [SP] on e.p ----
  loadP(e: number): number {
    const p = this.mem.entries[e]!;
    this.access(entryLoc(e), undefined, this.telling && `${entryLoc(e)} = ${showP(p)}`);
    return p;
  }

  /** CompareAndSwapPointer(&e.p, old, next): whether it swapped. */
  casP(e: number, old: number, next: number): boolean {
    const p = this.mem.entries[e]!;
    const swapped = p === old;
    const detail = this.telling && (swapped
      ? `${entryLoc(e)} ${showP(old)}→${showP(next)}`
      : `${entryLoc(e)} is ${showP(p)}, not ${showP(old)}: CAS fails`);
    this.access(entryLoc(e), swapped ? entryLoc(e) : undefined, detail);
    if (swapped) this.setP(e, next);
    return swapped;
  }

  storeP(e: number, p: number): void {
    this.access(undefined, entryLoc(e), this.telling && `${entryLoc(e)} ${showP(this.mem.entries[e]!)}→${showP(p)}`);
    this.setP(e, p);
  }

  /** newEntry(i) (map.go:103-105): a fresh entry, private until put in a map. */
  newEntry(value: number): number {
    this.mem = withMem(this.mem, { entries: [...this.mem.entries, value] });
    return this.mem.entries.length - 1;
  }

  // ---- [L] / [U] ----
  /** [L] mu.Lock(). The interpreter only runs it while mu is free (the point is marked `lock`). */
  lock(): void {
    if (this.mem.mu !== NONE) throw new Error(`the spec is inconsistent: G${this.g} took mu while G${this.mem.mu} held it`);
    this.locked = true;
    this.access('mu', 'mu', this.telling && `mu free→G${this.g}`);
    this.mem = withMem(this.mem, { mu: this.g });
  }

  /** [U] mu.Unlock(); Go's fatal error if mu is not locked. */
  unlock(): void {
    if (this.mem.mu === NONE) {
      this.access('mu', undefined, this.telling && 'mu is not locked');
      this.crash({ kind: 'fatal', message: UNLOCK_OF_UNLOCKED });
      return;
    }
    this.access('mu', 'mu', this.telling && `mu G${this.mem.mu}→free`);
    this.mem = withMem(this.mem, { mu: NONE });
  }

  // ---- plain accesses to dirty and misses (Go makes them only with mu held) ----
  /** The value of the m.dirty field: a map id or NONE. */
  dirtyMap(): number {
    this.plain('dirty', undefined, this.telling && `dirty = ${showMap(this.mem, this.mem.dirty)}`);
    return this.mem.dirty;
  }

  /** e, ok := m.dirty[key]: the entry or NONE (a nil map reads as empty). */
  dirtyLookup(key: number): number {
    const e = lookup(this.mem, this.mem.dirty, key);
    this.plain(`dirty[${keyName(key)}]`, undefined, this.telling && `dirty[${keyName(key)}] = ${e === NONE ? 'absent' : `e${e}`}`);
    return e;
  }

  dirtyLen(): number {
    const n = mapOf(this.mem, this.mem.dirty).length;
    this.plain('dirty', undefined, this.telling && `len(dirty) = ${n}`);
    return n;
  }

  /** m.dirty[key] = e; panics on a nil map as Go does. */
  dirtySet(key: number, e: number): void {
    const loc = `dirty[${keyName(key)}]`;
    if (this.mem.dirty === NONE) {
      this.plain(undefined, loc, this.telling && `${loc} = e${e} into a nil map`);
      this.crash({ kind: 'panic', message: NIL_MAP_WRITE });
      return;
    }
    this.plain(undefined, loc, this.telling && `${loc} = e${e}`);
    this.setMap(this.mem.dirty, withKey(mapOf(this.mem, this.mem.dirty), key, e));
  }

  /** delete(m.dirty, key): a no-op on a nil map or an absent key, as in Go. */
  dirtyDelete(key: number): void {
    const loc = `dirty[${keyName(key)}]`;
    this.plain(undefined, loc, this.telling && `delete(dirty, ${keyName(key)})`);
    if (this.mem.dirty !== NONE) this.setMap(this.mem.dirty, withKey(mapOf(this.mem, this.mem.dirty), key, NONE));
  }

  /** m.dirty = id (a map from makeMap, or NONE for nil). */
  setDirty(id: number): void {
    this.plain(undefined, 'dirty', this.telling && `dirty ${showMap(this.mem, this.mem.dirty)}→${showMap(this.mem, id)}`);
    this.mem = withMem(this.mem, { dirty: id });
  }

  /** make(map[any]*entry): a fresh empty map, private until stored. */
  makeMap(): number {
    this.mem = withMem(this.mem, { maps: [...this.mem.maps, []] });
    return this.mem.maps.length - 1;
  }

  /** m.misses++: returns the new count. */
  addMiss(): number {
    const n = this.mem.misses + 1;
    this.plain('misses', 'misses', this.telling && `misses ${this.mem.misses}→${n}`);
    this.mem = withMem(this.mem, { misses: n });
    return n;
  }

  setMisses(n: number): void {
    this.plain(undefined, 'misses', this.telling && `misses ${this.mem.misses}→${n}`);
    this.mem = withMem(this.mem, { misses: n });
  }

  // ---- the Range callback ----
  /** The Range gives (key, value) to its callback. */
  visit(key: number, value: number): void {
    this.log.visited.push(key, value);
    if (this.telling) this.log.details!.push(`f(${keyName(key)}, v${value})`);
  }

  // ---- control ----
  goto(pc: string): void {
    this.setControl({ kind: 'goto', pc });
  }
  call(fn: string, args: Record<string, number>, then: string): void {
    this.setControl({ kind: 'call', fn, args, then });
  }
  /** A call the Range callback makes: an operation of its own in the history. */
  callNested(op: Op, fn: string, args: Record<string, number>, then: string): void {
    this.setControl({ kind: 'call', fn, args, then, nested: op });
  }
  ret(values: Record<string, number> = {}): void {
    this.setControl({ kind: 'return', values });
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

  // ---- bookkeeping ----
  /** Whether the step says what its accesses did: each access builds its text only then. */
  private get telling(): boolean {
    return this.log.details !== null;
  }

  private access(read: string | undefined, write: string | undefined, detail: string | false): void {
    this.sched++;
    this.log.atomic = true;
    this.record(read, write, detail);
  }

  private plain(read: string | undefined, write: string | undefined, detail: string | false): void {
    this.log.plain++;
    this.record(read, write, detail);
  }

  private record(read: string | undefined, write: string | undefined, detail: string | false): void {
    if (read !== undefined && !this.log.reads.includes(read)) this.log.reads.push(read);
    if (write !== undefined && !this.log.writes.includes(write)) this.log.writes.push(write);
    if (detail !== false) this.log.details!.push(detail);
  }

  private setP(e: number, p: number): void {
    const entries = this.mem.entries.slice();
    entries[e] = p;
    this.mem = withMem(this.mem, { entries });
  }

  private setMap(id: number, m: GoMap): void {
    const maps = this.mem.maps.slice();
    maps[id] = m;
    this.mem = withMem(this.mem, { maps });
  }
}

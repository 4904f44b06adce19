import type { Op, OpResult } from '../../spec/types.js';
import { OP_CODE, opOf } from './program.js';

/**
 * The shared history log of a round. Two SharedArrayBuffers:
 *
 *   control  a few int32 words every worker touches, always with Atomics: CLOCK (each call and
 *            return takes Atomics.add(CLOCK, 1) as its position, one global order of events),
 *            ARRIVED and GO (the start barrier, barrier.ts), STOP (set when an operation threw:
 *            Go's fatal ends the whole program), FINISHED (workers done with the round; its
 *            Atomics.add publishes the worker's plain log writes to the main thread, which
 *            Atomics.loads it), one PHASE word per worker, so that a round that times out can
 *            say who was where, and one HEARTBEAT word per worker (the barrier's).
 *   log      one region per worker, written only by that worker: a header (ops started, length
 *            of the error text), fixed-size records, and the error text.
 *
 * A record: op code, key, value, call position, return position (-1 never returned), the
 * result (access, loadOrStore, loadAndDelete: value and ok; len: n; range: how many pairs it
 * yielded and the first MAX_PAIRS of them), the error code and the position at which it was
 * caught; and for a sync.Map Range whose callback deletes or stores, the call and return
 * positions of the nested call it made for each of those pairs (-1: not made, never returned).
 */
export const CLOCK = 0;
export const ARRIVED = 1;
export const STOP = 2;
export const FINISHED = 3;
export const GO = 4;
const PHASES = 5;

/** Where a worker stands in the current round. The main thread resets every phase to IDLE. */
export const PHASE = { idle: 0, atBarrier: 1, running: 2, finished: 3 } as const;

export function phaseWord(w: number): number {
  return PHASES + w;
}

/**
 * Pairs kept per range. More than the keys (at most 4 with the shipped hash tables), so a range
 * that yields too many pairs still shows a key twice, which is all the verifier needs to reject it.
 */
export const MAX_PAIRS = 16;

const H_COUNT = 0;
const H_MESSAGE_LENGTH = 1;
const HEADER_WORDS = 4;

const F_OP = 0;
const F_KEY = 1;
const F_VALUE = 2;
const F_CALL = 3;
const F_RET = 4;
const F_R0 = 5;
const F_R1 = 6;
const F_ERROR = 7;
const F_ERROR_AT = 8;
const F_PAIRS = 9;
const F_NESTED = F_PAIRS + 2 * MAX_PAIRS;

const RECORD_WORDS = F_NESTED + 2 * MAX_PAIRS;
/** Room for the text of the error that ended a worker's round, in UTF-16 code units. */
const MESSAGE_CHARS = 512;

/** How an operation ended other than by returning. 'other' is a bug, never a Go outcome. */
export type LoggedErrorKind = 'fatal' | 'throw' | 'panic' | 'wild' | 'arena' | 'other';
const ERROR_KINDS: readonly LoggedErrorKind[] = ['fatal', 'throw', 'panic', 'wild', 'arena', 'other'];

export function errorCode(kind: LoggedErrorKind): number {
  return ERROR_KINDS.indexOf(kind) + 1;
}

export interface LoggedError {
  kind: LoggedErrorKind;
  message: string;
  /** Clock position at which it was caught. */
  at: number;
}

/** A call a Range's callback made (m.Delete(k) or m.Store(k, v) for the pair it was given). */
export interface NestedOp {
  op: Op;
  call: number;
  /** Absent when it threw (the Range then threw too). */
  ret?: number;
}

/** One operation as the log has it. */
export interface LoggedOp {
  /** Position in the worker's program. */
  index: number;
  op: Op;
  call: number;
  /** Absent when the operation threw (or the round stopped inside it). */
  ret?: number;
  result?: OpResult;
  error?: LoggedError;
  /** A sync.Map Range's nested calls, in the order it made them; absent when it made none. */
  nested?: NestedOp[];
}

/** One round as logged: each worker's operations, in program order. */
export interface RoundLog {
  workers: LoggedOp[][];
}

/** Worker w's heartbeat, after the PHASE words: it counts up while w waits to start with the others. */
export function heartbeatWord(workers: number, w: number): number {
  return PHASES + workers + w;
}

export function controlBuffer(workers: number): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * (PHASES + 2 * workers));
}

function regionWords(capacity: number): number {
  return HEADER_WORDS + capacity * RECORD_WORDS + MESSAGE_CHARS / 2;
}

/** A log for `workers` workers of at most `capacity` operations each per round. */
export function logBuffer(workers: number, capacity: number): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * workers * regionWords(capacity));
}

/** Worker side: fills this worker's region. Only the owner writes it, so plain stores suffice. */
export class LogWriter {
  private readonly i32: Int32Array;
  private readonly chars: Uint16Array;

  constructor(buffer: SharedArrayBuffer, w: number, readonly capacity: number) {
    const words = regionWords(capacity);
    this.i32 = new Int32Array(buffer, 4 * w * words, words);
    this.chars = new Uint16Array(buffer, 4 * (w * words + HEADER_WORDS + capacity * RECORD_WORDS), MESSAGE_CHARS);
  }

  /** The op at `i` is called at clock position `at`. */
  call(i: number, code: number, key: number, value: number, at: number): void {
    const r = this.record(i);
    this.i32[r + F_OP] = code;
    this.i32[r + F_KEY] = key;
    this.i32[r + F_VALUE] = value;
    this.i32[r + F_CALL] = at;
    this.i32[r + F_RET] = -1;
    this.i32[r + F_R0] = 0;
    this.i32[r + F_R1] = 0;
    this.i32[r + F_ERROR] = 0;
  }

  /** One pair a range yielded; pairs past MAX_PAIRS are only counted. */
  pair(i: number, nth: number, key: number, value: number): void {
    const r = this.record(i);
    this.i32[r + F_R0] = nth + 1;
    if (nth < MAX_PAIRS) {
      this.i32[r + F_PAIRS + 2 * nth] = key;
      this.i32[r + F_PAIRS + 2 * nth + 1] = value;
      this.i32[r + F_NESTED + 2 * nth] = -1;
      this.i32[r + F_NESTED + 2 * nth + 1] = -1;
    }
  }

  /**
   * The callback, given the nth pair of the range at `i`, calls (at `at`) or returns from (at
   * `at`, with `returned`) its nested operation. Past MAX_PAIRS the range already yielded a key
   * twice, which condemns it; its later nested calls are not kept.
   */
  nested(i: number, nth: number, at: number, returned = false): void {
    if (nth < MAX_PAIRS) this.i32[this.record(i) + F_NESTED + 2 * nth + (returned ? 1 : 0)] = at;
  }

  /** The op at `i` returned at `at`; r0/r1 as the record describes (range pairs come from pair()). */
  ret(i: number, at: number, r0?: number, r1?: number): void {
    const r = this.record(i);
    this.i32[r + F_RET] = at;
    if (r0 !== undefined) this.i32[r + F_R0] = r0;
    if (r1 !== undefined) this.i32[r + F_R1] = r1;
  }

  /** The op at `i` threw; caught at `at`. */
  error(i: number, kind: LoggedErrorKind, message: string, at: number): void {
    const r = this.record(i);
    this.i32[r + F_ERROR] = errorCode(kind);
    this.i32[r + F_ERROR_AT] = at;
    const n = Math.min(message.length, MESSAGE_CHARS);
    for (let c = 0; c < n; c++) this.chars[c] = message.charCodeAt(c);
    this.i32[H_MESSAGE_LENGTH] = n;
  }

  /** How many operations were started this round; written before the FINISHED bump publishes it. */
  finish(started: number): void {
    this.i32[H_COUNT] = started;
  }

  private record(i: number): number {
    if (i >= this.capacity) throw new RangeError(`operation ${i} does not fit the log's ${this.capacity} records per worker`);
    return HEADER_WORDS + i * RECORD_WORDS;
  }
}

/** Main side: decodes every worker's region after the round (after FINISHED reached the worker count). */
export function readRoundLog(buffer: SharedArrayBuffer, workers: number, capacity: number): RoundLog {
  const words = regionWords(capacity);
  const out: LoggedOp[][] = [];
  for (let w = 0; w < workers; w++) {
    const i32 = new Int32Array(buffer, 4 * w * words, words);
    const chars = new Uint16Array(buffer, 4 * (w * words + HEADER_WORDS + capacity * RECORD_WORDS), MESSAGE_CHARS);
    const ops: LoggedOp[] = [];
    for (let i = 0; i < i32[H_COUNT]!; i++) ops.push(decodeRecord(i32, HEADER_WORDS + i * RECORD_WORDS, i, chars, i32[H_MESSAGE_LENGTH]!));
    out.push(ops);
  }
  return { workers: out };
}

function decodeRecord(i32: Int32Array, r: number, index: number, chars: Uint16Array, messageLength: number): LoggedOp {
  const code = i32[r + F_OP]!;
  const op = opOf(code, i32[r + F_KEY]!, i32[r + F_VALUE]!);
  const o: LoggedOp = { index, op, call: i32[r + F_CALL]! };
  const errorKind = ERROR_KINDS[i32[r + F_ERROR]! - 1];
  if (errorKind) {
    o.error = { kind: errorKind, message: String.fromCharCode(...chars.subarray(0, messageLength)), at: i32[r + F_ERROR_AT]! };
  }
  const ret = i32[r + F_RET]!;
  if (ret >= 0) {
    o.ret = ret;
    o.result = resultOf(code, i32, r);
  }
  if (code === OP_CODE.range && op.kind === 'range' && (op.body === 'delete' || op.body === 'store')) {
    const nested = nestedOf(op, i32, r);
    if (nested.length > 0) o.nested = nested;
  }
  return o;
}

/** The nested calls a Range's callback made: one per pair it was given, while they were made. */
function nestedOf(range: Extract<Op, { kind: 'range' }>, i32: Int32Array, r: number): NestedOp[] {
  const out: NestedOp[] = [];
  for (let p = 0; p < Math.min(i32[r + F_R0]!, MAX_PAIRS); p++) {
    const call = i32[r + F_NESTED + 2 * p]!;
    if (call < 0) break;
    const key = i32[r + F_PAIRS + 2 * p]!;
    const op: Op = range.body === 'delete' ? { kind: 'delete', key } : { kind: 'assign', key, value: range.value ?? 0 };
    const n: NestedOp = { op, call };
    const ret = i32[r + F_NESTED + 2 * p + 1]!;
    if (ret >= 0) n.ret = ret;
    out.push(n);
  }
  return out;
}

function resultOf(code: number, i32: Int32Array, r: number): OpResult {
  switch (code) {
    case OP_CODE.access:
    case OP_CODE.loadOrStore:
    case OP_CODE.loadAndDelete: return { kind: 'value', value: i32[r + F_R0]!, ok: i32[r + F_R1] === 1 };
    case OP_CODE.len: return { kind: 'len', n: i32[r + F_R0]! };
    case OP_CODE.range: {
      const pairs: Array<[number, number]> = [];
      for (let p = 0; p < Math.min(i32[r + F_R0]!, MAX_PAIRS); p++) pairs.push([i32[r + F_PAIRS + 2 * p]!, i32[r + F_PAIRS + 2 * p + 1]!]);
      return { kind: 'pairs', pairs };
    }
    default: return { kind: 'none' };
  }
}

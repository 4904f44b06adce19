/**
 * The wire between the controller (main thread) and one controlled worker: a slot of int32 words
 * in a SharedArrayBuffer, one slot per goroutine. Two counters carry the hand-off:
 *
 *   GRANT   the controller adds 1 to let the worker run its next step (or, after a return, start
 *           its next operation) and notifies; the worker waits on it.
 *   REPORT  the worker adds 1 after writing what it reached (KIND, LABEL, the payload) and
 *           notifies; the controller waits on it.
 *
 * Both are changed with Atomics (sequentially consistent), so the plain writes of KIND, LABEL and
 * the payload before a REPORT bump are visible to whoever sees the bump. Every wait has a
 * timeout: a partner that stops answering is detected, never waited on forever.
 */
const GRANT = 0;
const REPORT = 1;
const KIND = 2;
const LABEL = 3;
const LENGTH = 4;
/** Set by the controller before the grant that ends a schedule early (Controller.reset); cleared after. */
const ABORT = 5;
const HEADER_WORDS = 8;

/** What a worker reports. */
export const REPORT_KIND = {
  /** Stopped at a scheduling point; LABEL holds the step label's id. */
  at: 1,
  /** The operation returned; the payload is its OpResult as JSON. Waits for a grant to go on. */
  returned: 2,
  /** The operation threw (Go's fatal, throw or panic, or another error); the payload says what. Final. */
  threw: 3,
  /** No operation left. Final. */
  done: 4,
  /** The worker itself failed outside any operation; the payload is the message. Final. */
  failed: 5,
  /** The worker left its program on the controller's abort and waits for the next one (a reset). */
  aborted: 6,
} as const;

export type ReportKind = (typeof REPORT_KIND)[keyof typeof REPORT_KIND];

export interface Report {
  kind: ReportKind;
  label: number;
  payload: string;
}

/** Payload room per slot, in UTF-16 code units (a range result of a few hundred pairs fits). */
export const DEFAULT_PAYLOAD_CHARS = 16_384;

export function slotWords(payloadChars: number): number {
  return HEADER_WORDS + Math.ceil(payloadChars / 2);
}

export function controlBuffer(goroutines: number, payloadChars = DEFAULT_PAYLOAD_CHARS): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * goroutines * slotWords(payloadChars));
}

/** Thrown in a worker whose controller has not granted anything for longer than its patience. */
export class ControllerGone extends Error {
  constructor(ms: number) {
    super(`no grant from the controller in ${ms} ms: giving up`);
    this.name = 'ControllerGone';
  }
}

/** One goroutine's slot, used from both sides. */
export class Slot {
  private readonly i32: Int32Array;
  private readonly chars: Uint16Array;
  private readonly base: number;
  /** The last counter value this side has seen of the other side's counter. */
  private seen = 0;

  constructor(buffer: SharedArrayBuffer, g: number, readonly payloadChars = DEFAULT_PAYLOAD_CHARS) {
    const words = slotWords(payloadChars);
    this.base = g * words;
    this.i32 = new Int32Array(buffer, 4 * this.base, words);
    this.chars = new Uint16Array(buffer, 4 * (this.base + HEADER_WORDS), payloadChars);
  }

  // ---- worker side ----
  report(kind: ReportKind, label = -1, payload = ''): void {
    if (payload.length > this.payloadChars) {
      payload = JSON.stringify({ name: 'Error', message: `report of ${payload.length} characters does not fit the slot's ${this.payloadChars}` });
      kind = REPORT_KIND.failed;
    }
    for (let i = 0; i < payload.length; i++) this.chars[i] = payload.charCodeAt(i);
    this.i32[KIND] = kind;
    this.i32[LABEL] = label;
    this.i32[LENGTH] = payload.length;
    Atomics.add(this.i32, REPORT, 1);
    Atomics.notify(this.i32, REPORT);
  }

  /** Blocks until the controller grants the next step, in slices; gives up after `patienceMs`. */
  awaitGrant(patienceMs: number, sliceMs = 1000): void {
    const deadline = Date.now() + patienceMs;
    for (;;) {
      const now = Atomics.load(this.i32, GRANT);
      if (now !== this.seen) {
        this.seen = now;
        return;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new ControllerGone(patienceMs);
      Atomics.wait(this.i32, GRANT, now, Math.min(sliceMs, left));
    }
  }

  /** Whether the grant just received ends the program (the controller is resetting the run). */
  aborting(): boolean {
    return Atomics.load(this.i32, ABORT) !== 0;
  }

  // ---- controller side ----
  /** Grants the step with the abort flag up: the worker leaves its program instead of running on. */
  abort(): void {
    Atomics.store(this.i32, ABORT, 1);
    this.grant();
  }

  /** Lowers the abort flag once the worker has left its program, before it is given a new one. */
  clearAbort(): void {
    Atomics.store(this.i32, ABORT, 0);
  }

  grant(): void {
    Atomics.add(this.i32, GRANT, 1);
    Atomics.notify(this.i32, GRANT);
  }

  /** The worker's next report, or undefined when none came within `timeoutMs`. */
  awaitReport(timeoutMs: number): Report | undefined {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = Atomics.load(this.i32, REPORT);
      if (now !== this.seen) {
        // One report per grant (and one before the first): a worker never reports twice unread.
        this.seen = now;
        const length = this.i32[LENGTH]!;
        return { kind: this.i32[KIND] as ReportKind, label: this.i32[LABEL]!, payload: decode(this.chars, length) };
      }
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      Atomics.wait(this.i32, REPORT, now, left);
    }
  }
}

function decode(chars: Uint16Array, length: number): string {
  let s = '';
  for (let i = 0; i < length; i += 4096) s += String.fromCharCode(...chars.subarray(i, Math.min(length, i + 4096)));
  return s;
}

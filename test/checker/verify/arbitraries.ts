import fc from 'fast-check';
import { ABSENT, type MapModelState, modelInit, modelStep } from '../../../spec/model.js';
import type { Op, OpResult } from '../../../spec/types.js';
import { type RangeWatch, watchStart, watchStep } from '../../../checker/verify/range-rule.js';
import { call, type Ev, ret } from './helpers.js';

/**
 * Random small concurrent histories. A generator runs a real linearization (calls, linearization
 * points and returns interleaved at random) so most results are right, then, unless `faithful`,
 * lies now and then: a wrong result, a Range that skips or repeats keys. Goroutine g's Range
 * callback calls operations on slot G+g, as node.ts numbers them.
 *
 * Driven by a tape of random numbers so fast-check can shrink a failure by shortening the tape.
 */
export interface HistoryShape {
  goroutines: number;
  keys: number;
  /** Never lie: the history is linearizable (snapshot-style Ranges) or keeps the contract rule (contract-style). */
  faithful: boolean;
  /** How faithful Ranges report: one snapshot, or any pairs the contract rule allows. */
  rangeStyle: 'snapshot' | 'contract';
}

export function arbHistory(shape: Omit<HistoryShape, 'goroutines' | 'keys'>): fc.Arbitrary<Ev[]> {
  return fc
    .record({
      goroutines: fc.integer({ min: 2, max: 3 }),
      keys: fc.integer({ min: 1, max: 3 }),
      tape: fc.array(fc.nat({ max: 1 << 16 }), { minLength: 60, maxLength: 200 }),
    })
    .map(({ goroutines, keys, tape }) => generate({ ...shape, goroutines, keys }, tape));
}

class Tape {
  private i = 0;
  constructor(private readonly xs: readonly number[]) {}
  /** A number in 0..n-1; 0 once the tape runs out, so a short tape gives a short history. */
  pick(n: number): number {
    const x = this.xs[this.i++];
    return x === undefined ? 0 : x % n;
  }
  get done(): boolean {
    return this.i >= this.xs.length;
  }
  chance(percent: number): boolean {
    return this.pick(100) < percent;
  }
}

/** One slot's operation in progress. */
interface Running {
  op: Op;
  /** The result it took effect with, once it has. */
  result?: OpResult;
  /** Ranges: what the map held since the call (for contract-style results). */
  watch?: RangeWatch;
  /** Ranges: operations its callback still calls. */
  nestedLeft?: number;
}

export function generate(shape: HistoryShape, tape: readonly number[]): Ev[] {
  const t = new Tape(tape);
  const G = shape.goroutines;
  const programs = Array.from({ length: G }, () => 2 + t.pick(4));
  let value = 0;
  const written: number[] = [];
  const fresh = (): number => {
    written.push(++value);
    return value;
  };
  const randomOp = (): Op => {
    const key = t.pick(shape.keys);
    switch (t.pick(10)) {
      case 0: case 1: return { kind: 'assign', key, value: fresh() };
      case 2: return { kind: 'access', key };
      case 3: return { kind: 'delete', key };
      case 4: return { kind: 'loadOrStore', key, value: fresh() };
      case 5: return { kind: 'loadAndDelete', key };
      case 6: return t.chance(50) ? { kind: 'len' } : { kind: 'clear' };
      default: {
        const body = ([undefined, 'stop', 'delete', 'store'] as const)[t.pick(4)];
        return body === undefined ? { kind: 'range' } : { kind: 'range', body, ...(body === 'store' ? { value: fresh() } : {}) };
      }
    }
  };

  let model: MapModelState = modelInit(shape.keys);
  const running = new Map<number, Running>();
  const events: Ev[] = [];

  /** Slot s's op takes effect now; every Range in progress sees it. */
  const linearize = (s: number): void => {
    const r = running.get(s)!;
    const step = modelStep(model, r.op);
    r.result = step.result;
    if (r.op.kind === 'range' && r.op.body === 'stop' && step.result.kind === 'pairs' && step.result.pairs.length > 1) {
      const one = step.result.pairs[t.pick(step.result.pairs.length)]!;
      r.result = { kind: 'pairs', pairs: [one] };
    }
    for (const other of running.values()) if (other.watch) other.watch = watchStep(other.watch, r.op, model, step.state);
    model = step.state;
  };

  while (!t.done) {
    const choices: Array<() => void> = [];
    const rangeReturns: Array<() => void> = [];
    for (let g = 0; g < G; g++) {
      if (!running.has(g) && programs[g]! > 0) {
        choices.push(() => {
          programs[g]!--;
          const op = randomOp();
          const isRange = op.kind === 'range';
          running.set(g, { op, ...(isRange ? { watch: watchStart(model), nestedLeft: op.body && op.body !== 'stop' ? t.pick(3) : 0 } : {}) });
          events.push(call(g, op));
        });
      }
    }
    for (const [s, r] of running) {
      const isRange = r.op.kind === 'range';
      // A contract-style Range takes no single point; it reports from its watch when it returns.
      if (!r.result && !(isRange && shape.rangeStyle === 'contract')) choices.push(() => linearize(s));
      const nestedBusy = s < G && running.has(G + s);
      const canReturn = isRange ? !nestedBusy && !r.nestedLeft : r.result !== undefined;
      if (canReturn) (isRange ? rangeReturns : choices).push(() => finish(s));
      if (r.nestedLeft && r.nestedLeft > 0 && !nestedBusy) {
        choices.push(() => {
          r.nestedLeft!--;
          const body = r.op.kind === 'range' ? r.op.body : undefined;
          const key = t.pick(shape.keys);
          const op: Op = body === 'store' ? { kind: 'assign', key, value: fresh() } : { kind: 'delete', key };
          running.set(G + s, { op });
          events.push(call(G + s, op));
        });
      }
    }
    // Ranges stay open longer, so more writes fall inside them (where the two modes differ).
    if (choices.length === 0 || t.chance(30)) choices.push(...rangeReturns);
    if (choices.length === 0) break;
    choices[t.pick(choices.length)]!();
  }
  return events;

  /** Slot s returns: with its true result (a contract-style Range: pairs from its watch), or (unless faithful) a lie. */
  function finish(s: number): void {
    const r = running.get(s)!;
    let result: OpResult;
    if (r.op.kind === 'range' && shape.rangeStyle === 'contract') {
      result = contractPairs(r.op, r.watch!);
    } else {
      if (!r.result) linearize(s);
      result = r.result!;
    }
    if (!shape.faithful && t.chance(8)) result = lie(r.op, result);
    running.delete(s);
    events.push(ret(s, result));
  }

  /** Pairs the contract rule allows (faithful), or any of the values the keys held (may break clause c). */
  function contractPairs(op: Extract<Op, { kind: 'range' }>, w: RangeWatch): OpResult {
    const pairs: Array<[number, number]> = [];
    w.held.forEach((held, k) => {
      const values = held.filter((v) => v !== ABSENT);
      const mustVisit = !held.includes(ABSENT) && !w.written.includes(k);
      // Unless faithful, a key that must be visited is sometimes skipped anyway (clause c broken).
      const skip = mustVisit ? !shape.faithful && t.chance(10) : t.chance(40);
      if (values.length === 0 || skip) return;
      pairs.push([k, values[t.pick(values.length)]!]);
    });
    if (op.body === 'stop' && pairs.length > 0) return { kind: 'pairs', pairs: [pairs[t.pick(pairs.length)]!] };
    return { kind: 'pairs', pairs };
  }

  function lie(op: Op, truth: OpResult): OpResult {
    const anyValue = (): number => (written.length === 0 ? 1 : written[t.pick(written.length)]!);
    switch (truth.kind) {
      case 'none': return truth;
      case 'len': return { kind: 'len', n: t.pick(shape.keys + 1) };
      case 'value': return t.chance(30) ? { kind: 'value', value: ABSENT, ok: false } : { kind: 'value', value: anyValue(), ok: op.kind !== 'loadOrStore' || t.chance(50) };
      case 'pairs': {
        const pairs = truth.pairs.slice();
        if (pairs.length > 0 && t.chance(50)) pairs.splice(t.pick(pairs.length), 1);
        else if (pairs.length > 0 && t.chance(50)) pairs.push(pairs[0]!);
        else pairs.push([t.pick(shape.keys), anyValue()]);
        return { kind: 'pairs', pairs };
      }
    }
  }
}

import type { MapConfig } from '../../spec/config.js';
import { CONFIGS } from '../../spec/config.js';
import { HMAP_FUNCTIONS } from '../../spec/hmap/functions.js';
import { hmapAlphabet, hmapTarget } from '../../spec/hmap/target.js';
import type { Op, StepInfo } from '../../spec/types.js';
import { describeOp } from '../../spec/describe.js';
import type { Target } from '../../spec/target.js';
import type { ExecutionView } from '../trace/types.js';

/** One row of an operation's step table. */
export interface StepRow {
  label: string;
  goLine: string;
  reads: string;
  writes: string;
  access: string;
}

/** Every step label the spec can produce, by Go function, in the order the points are written. */
export function staticSteps(): Map<string, Array<{ label: string; goLine: string }>> {
  const out = new Map<string, Array<{ label: string; goLine: string }>>();
  for (const fn of Object.values(HMAP_FUNCTIONS)) {
    for (const point of Object.values(fn.points)) {
      if (point.silent) continue;
      const owner = point.fn ?? fn.name;
      const rows = out.get(owner) ?? [];
      const label = `${owner}: ${point.text}`;
      if (!rows.some((r) => r.label === label)) rows.push({ label, goLine: `${point.file ?? fn.file}:${point.line}` });
      out.set(owner, rows);
    }
  }
  return out;
}

/**
 * Bucket names depend on allocation order ('b3.tophash[0]'); the table speaks of any bucket
 * ('b.tophash[i]') so that it describes the step, not one execution of it.
 */
export function locationClass(loc: string): string {
  return loc.replace(/^b\d+\./, 'b.').replace(/\[\d+\]/g, '[i]');
}

/**
 * Gathers, per step label, what the step was seen to read and write (as location classes) and
 * how it accessed memory, over however many executions are fed to it; rows come out in the
 * order labels were first seen.
 */
export class StepTable {
  private readonly rows = new Map<string, { reads: Set<string>; writes: Set<string>; access: Set<string>; goLine: string }>();

  record(info: StepInfo): void {
    const row = this.rows.get(info.label) ?? { reads: new Set(), writes: new Set(), access: new Set(), goLine: info.goLine };
    info.reads.forEach((r) => row.reads.add(locationClass(r)));
    info.writes.forEach((w) => row.writes.add(locationClass(w)));
    row.access.add(info.access);
    this.rows.set(info.label, row);
  }

  result(): Map<string, StepRow> {
    const list = (s: Set<string>): string => [...s].sort().join(', ') || '—';
    return new Map([...this.rows].map(([label, r]) => [label, { label, goLine: r.goLine, reads: list(r.reads), writes: list(r.writes), access: [...r.access].sort().join(', ') }]));
  }
}

/**
 * What each step was seen to touch, and which Go functions each operation reaches, from every
 * sequential program of up to `length` operations under both configurations (4 keys, so growth,
 * overflow and same-size growth are reached) and from the executions passed in (the racy
 * witnesses, which reach paths no sequential program does).
 */
export function observeSteps(length: number, extra: ExecutionView[]): { byLabel: Map<string, StepRow>; fnsByOp: Map<string, string[]> } {
  const table = new StepTable();
  const fnsByOp = new Map<string, string[]>();
  const record = (opKind: string, info: StepInfo): void => {
    table.record(info);
    const fn = info.label.slice(0, info.label.indexOf(':'));
    const fns = fnsByOp.get(opKind) ?? [];
    if (!fns.includes(fn)) fns.push(fn);
    fnsByOp.set(opKind, fns);
  };
  for (const cfg of Object.values(CONFIGS)) runAllPrograms(cfg, length, record);
  // A witness's step belongs to the operation its goroutine is running: each goroutine starts
  // its program's operations in order, one per call step.
  for (const view of extra) {
    const started = view.trace.scenario.map(() => 0);
    const running: string[] = [];
    for (const info of view.steps) {
      const g = info.goroutine;
      if (info.call) running[g] = view.trace.scenario[g]![started[g]!++]!.kind;
      record(running[g]!, info);
    }
  }
  return { byLabel: table.result(), fnsByOp };
}

function runAllPrograms(cfg: MapConfig, length: number, record: (opKind: string, info: StepInfo) => void): void {
  const t = hmapTarget(cfg);
  const keys = Math.min(4, cfg.hashes.length);
  const walk = (s: ReturnType<typeof t.init>, depth: number): void => {
    if (depth === length) return;
    for (const op of hmapAlphabet(keys, depth + 1)) walk(runToEnd(t, s, op, depth, (info) => record(op.kind, info)), depth + 1);
  };
  walk(t.init(cfg, 1), 0);
}

/**
 * Runs `op` on goroutine 0 of a one-goroutine state to its end, passing each step to `onStep`.
 * A sequential operation never crashes; one that does means the spec is wrong.
 */
export function runToEnd<S>(t: Target<S>, s: S, op: Op, index: number, onStep?: (info: StepInfo) => void): S {
  let state = t.start(s, 0, op, index);
  while (!t.idle(state, 0)) {
    const r = t.step(state, 0);
    onStep?.(r.info);
    state = r.state;
    if (r.crash) throw new Error(`a sequential ${describeOp(op)} crashed: the spec is wrong`);
  }
  return state;
}

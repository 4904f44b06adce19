import type { MapConfig } from '../../spec/config.js';
import { CONFIGS } from '../../spec/config.js';
import { HMAP_FUNCTIONS } from '../../spec/hmap/functions.js';
import { hmapAlphabet, hmapTarget } from '../../spec/hmap/target.js';
import type { Op, StepInfo } from '../../spec/types.js';

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
 * What each step was seen to touch, and which Go functions each operation reaches, from every
 * sequential program of up to `length` operations under both configurations (4 keys, so growth,
 * overflow and same-size growth are reached) and from the executions passed in (the racy
 * witnesses, which reach paths no sequential program does).
 */
export function observeSteps(length: number, extra: StepInfo[][]): { byLabel: Map<string, StepRow>; fnsByOp: Map<string, string[]> } {
  const byLabel = new Map<string, { reads: Set<string>; writes: Set<string>; access: Set<string>; goLine: string }>();
  const fnsByOp = new Map<string, string[]>();
  const record = (opKind: string, info: StepInfo): void => {
    const row = byLabel.get(info.label) ?? { reads: new Set(), writes: new Set(), access: new Set(), goLine: info.goLine };
    info.reads.forEach((r) => row.reads.add(locationClass(r)));
    info.writes.forEach((w) => row.writes.add(locationClass(w)));
    row.access.add(info.access);
    byLabel.set(info.label, row);
    const fn = info.label.slice(0, info.label.indexOf(':'));
    const fns = fnsByOp.get(opKind) ?? [];
    if (!fns.includes(fn)) fns.push(fn);
    fnsByOp.set(opKind, fns);
  };
  for (const cfg of Object.values(CONFIGS)) runAllPrograms(cfg, length, record);
  for (const steps of extra) for (const info of steps) record(opKindOf(info.op), info);
  const rows = new Map<string, StepRow>();
  for (const [label, r] of byLabel) {
    rows.set(label, { label, goLine: r.goLine, reads: list(r.reads), writes: list(r.writes), access: [...r.access].sort().join(', ') });
  }
  return { byLabel: rows, fnsByOp };
}

const list = (s: Set<string>): string => [...s].sort().join(', ') || '—';

/** The op kind behind an operation's text ('m[k0] = v1' → 'assign'), as describeOp writes it. */
function opKindOf(text: string): string {
  if (text.startsWith('v, ok :=')) return 'access';
  if (text.startsWith('delete(')) return 'delete';
  if (text.startsWith('for k, v := range')) return 'range';
  if (text.startsWith('mapclear(')) return 'clear';
  if (text.startsWith('len(')) return 'len';
  return 'assign';
}

function runAllPrograms(cfg: MapConfig, length: number, record: (opKind: string, info: StepInfo) => void): void {
  const t = hmapTarget(cfg);
  const keys = Math.min(4, cfg.hashes.length);
  const walk = (s: ReturnType<typeof t.init>, depth: number): void => {
    if (depth === length) return;
    for (const op of hmapAlphabet(keys, depth + 1)) walk(runOne(t, s, op, depth, record), depth + 1);
  };
  walk(t.init(cfg, 1), 0);
}

function runOne(t: ReturnType<typeof hmapTarget>, s: ReturnType<ReturnType<typeof hmapTarget>['init']>, op: Op, index: number, record: (opKind: string, info: StepInfo) => void) {
  let state = t.start(s, 0, op, index);
  while (!t.idle(state, 0)) {
    const r = t.step(state, 0);
    record(op.kind, r.info);
    state = r.state;
    if (r.crash) throw new Error(`a sequential ${op.kind} crashed: the spec is wrong`);
  }
  return state;
}

/**
 * The shared state after each step of a trace, as a small display structure for the HTML
 * report's step-through view. The states are recomputed by stepping the trace's schedule through
 * the spec (the same applyEdge the explorer and the replayer use), then each target turns its own
 * state into named fields and tables. A target without a snapshot function simply has no state
 * panel: the report must never fail because a newer target has not taught it how to draw itself.
 */
import type { MapConfig } from '../../spec/config.js';
import {
  EMPTY_ONE, EMPTY_REST, EVACUATED_EMPTY, EVACUATED_X, EVACUATED_Y, HASH_WRITING, ITERATOR, OLD_ITERATOR,
  SAME_SIZE_GROW,
} from '../../spec/hmap/constants.js';
import { bucketName, showValue } from '../../spec/hmap/locations.js';
import type { MState } from '../../spec/hmap/machine.js';
import type { Allocation, Hmap } from '../../spec/hmap/state.js';
import type { Target } from '../../spec/target.js';
import { applyEdge, type Bounds, initialNode, type Node } from '../explore/node.js';
import { makeTarget } from '../run/targets.js';
import type { TraceFile } from '../trace/types.js';

/** The shared state at one point, ready to display: every value is already text. */
export interface StateSnapshot {
  /** Scalar fields in the target's own order, e.g. ['flags', '4 (hashWriting)']. */
  fields: Array<[name: string, value: string]>;
  /** Structured parts (bucket arrays, sync.Map entries, ...), each a small table. */
  tables: SnapshotTable[];
}

export interface SnapshotTable {
  /** Stable across the steps of one trace, so a table can be matched with its previous version. */
  id: string;
  title: string;
  columns: string[];
  /** Row ids are stable across steps too (e.g. 'b3[0]'); cells line up with `columns`. */
  rows: Array<{ id: string; cells: string[] }>;
}

/** Turns a target's state into a snapshot; `state` is the state of the target registered under the same name. */
export type Snapshotter = (state: unknown, cfg: MapConfig) => StateSnapshot;

/**
 * Target name → snapshot function. The names are those of checker/run/targets.ts; sync.Map and
 * the guarded maps add their entry here when they want a state panel.
 */
const SNAPSHOTTERS: Readonly<Record<string, Snapshotter>> = {
  // makeTarget('hmap') is hmapTarget, whose state is an MState: the cast restates that pairing.
  hmap: (s) => hmapSnapshot((s as MState).h),
};

export function hasSnapshotter(target: string): boolean {
  return Object.hasOwn(SNAPSHOTTERS, target);
}

/**
 * The snapshot before the first step (index 0) and after each step i (index i + 1), or undefined
 * when the target has no snapshot function or the schedule does not run as written (a stale
 * trace): showing no state is better than showing the state of another execution.
 */
export function traceSnapshots(trace: TraceFile): StateSnapshot[] | undefined {
  if (!hasSnapshotter(trace.target)) return undefined;
  const snap = SNAPSHOTTERS[trace.target]!;
  const target = makeTarget(trace.target, trace.config, undefined, trace.shards);
  if (!target) return undefined;
  return traceStates(target, trace)?.map((s) => snap(s, trace.config));
}

/** The target's state before and after every scheduled step; undefined where the schedule diverges. */
function traceStates<S>(target: Target<S>, trace: TraceFile): S[] | undefined {
  const { scenario, config } = trace;
  // The same bounds as the replayer uses, so the initial state is the one the replay saw.
  const b: Bounds = { depth: scenario.flat().length, goroutines: scenario.length, keys: config.hashes.length };
  const next = scenario.map(() => 0);
  let node: Node<S> = initialNode(target, config, b);
  const states = [node.s];
  for (const { g, label } of trace.schedule) {
    if (node.crash || g < 0 || g >= scenario.length) return undefined;
    const idle = target.idle(node.s, g);
    const op = idle ? scenario[g]![next[g]!] : null;
    if (idle && !op) return undefined;
    if (!idle && !target.enabled(node.s, g)) return undefined;
    if (target.nextLabel(op ? target.start(node.s, g, op, node.ops) : node.s, g) !== label) return undefined;
    if (op) next[g] = next[g]! + 1;
    node = applyEdge(target, b, node, { g, op: op ?? null }).node;
    states.push(node.s);
  }
  return states;
}

/**
 * What changed from `prev` to `next`, as keys the page marks: 'field:<name>', 'table:<id>' for a
 * table that did not exist before, 'row:<table>:<row>' for a new row, 'cell:<table>:<row>:<column
 * index>' for a changed cell. Nothing is marked for the first snapshot.
 */
export function changedKeys(prev: StateSnapshot | undefined, next: StateSnapshot): string[] {
  if (!prev) return [];
  const out: string[] = [];
  const before = new Map(prev.fields);
  for (const [name, value] of next.fields) if (before.get(name) !== value) out.push(fieldKey(name));
  const oldTables = new Map(prev.tables.map((t) => [t.id, t]));
  for (const t of next.tables) {
    const old = oldTables.get(t.id);
    if (!old) {
      out.push(tableKey(t.id));
      continue;
    }
    const oldRows = new Map(old.rows.map((r) => [r.id, r.cells]));
    for (const row of t.rows) {
      const cells = oldRows.get(row.id);
      if (!cells) out.push(rowKey(t.id, row.id));
      else row.cells.forEach((c, i) => cells[i] !== c && out.push(cellKey(t.id, row.id, i)));
    }
  }
  return out;
}

// The page builds the same keys from the snapshot it draws; JSON.stringify keeps ids with ':' apart.
export const fieldKey = (name: string): string => `field:${JSON.stringify(name)}`;
export const tableKey = (table: string): string => `table:${JSON.stringify(table)}`;
export const rowKey = (table: string, row: string): string => `row:${JSON.stringify([table, row])}`;
export const cellKey = (table: string, row: string, col: number): string => `cell:${JSON.stringify([table, row, col])}`;

// --- hmap -----------------------------------------------------------------------------------

/** The hmap fields in Go's struct order (map.go:116-130), then one table per allocation. */
export function hmapSnapshot(h: Hmap): StateSnapshot {
  return {
    fields: [
      ['count', String(h.count)],
      ['flags', formatFlags(h.flags)],
      ['B', `${h.B} (${2 ** h.B === 1 ? '1 bucket' : `${2 ** h.B} buckets`})`],
      ['noverflow', String(h.noverflow)],
      ['buckets', bucketName(h.buckets)],
      ['oldbuckets', bucketName(h.oldbuckets)],
      ['nevacuate', String(h.nevacuate)],
      ['extra.overflow', h.extraOverflow === 0 ? '0 (nil)' : `${h.extraOverflow} (allocated)`],
      ['extra.oldoverflow', h.extraOldoverflow === 0 ? '0 (nil)' : `${h.extraOldoverflow} (allocated)`],
    ],
    tables: h.allocations.map((a) => allocationTable(h, a)),
  };
}

const FLAG_NAMES: ReadonlyArray<[bit: number, name: string]> = [
  [ITERATOR, 'iterator'], [OLD_ITERATOR, 'oldIterator'], [HASH_WRITING, 'hashWriting'], [SAME_SIZE_GROW, 'sameSizeGrow'],
];

/** 5 → '5 (iterator|hashWriting)'; bits Go does not define are shown in hex rather than dropped. */
export function formatFlags(flags: number): string {
  const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, name]) => name);
  const known = FLAG_NAMES.reduce((m, [bit]) => m | bit, 0);
  const rest = flags & ~known;
  if (rest !== 0) names.push(`0x${rest.toString(16)}`);
  return names.length === 0 ? String(flags) : `${flags} (${names.join('|')})`;
}

const TOPHASH_MARKS: Readonly<Record<number, string>> = {
  [EMPTY_REST]: 'emptyRest', [EMPTY_ONE]: 'emptyOne', [EVACUATED_X]: 'evacuatedX', [EVACUATED_Y]: 'evacuatedY',
  [EVACUATED_EMPTY]: 'evacuatedEmpty',
};

export function formatTophash(top: number): string {
  const mark = TOPHASH_MARKS[top];
  return mark === undefined ? String(top) : `${top} (${mark})`;
}

const BUCKET_COLUMNS = ['bucket', 'cell', 'tophash', 'key', 'elem', 'overflow'];

/**
 * One allocation as a table, one row per cell; the bucket name and its overflow link are shown on
 * the bucket's first row only, so the cells of one bucket read as a group.
 */
function allocationTable(h: Hmap, a: Allocation): SnapshotTable {
  const rows: SnapshotTable['rows'] = [];
  for (let id = a.first; id < a.first + a.size; id++) {
    const bk = h.heap[id];
    if (!bk) continue;
    bk.tophash.forEach((top, i) => {
      rows.push({
        id: `${bucketName(id)}[${i}]`,
        cells: [
          i === 0 ? bucketName(id) : '',
          String(i),
          formatTophash(top),
          showValue({ cell: 'key', bucket: id, i }, bk.keys[i]!),
          showValue({ cell: 'elem', bucket: id, i }, bk.elems[i]!),
          i === 0 ? bucketName(bk.overflow) : '',
        ],
      });
    });
  }
  return { id: `alloc-${a.first}`, title: allocationTitle(h, a), columns: BUCKET_COLUMNS, rows };
}

/** What the allocation is to the map now: its bucket array, the old one, an overflow bucket, or garbage. */
function allocationTitle(h: Hmap, a: Allocation): string {
  const span = a.size === 1 ? bucketName(a.first) : `${bucketName(a.first)}–${bucketName(a.first + a.size - 1)}`;
  if (a.first === h.buckets) return `buckets: ${span}`;
  if (a.first === h.oldbuckets) return `oldbuckets: ${span}`;
  const from = h.heap.findIndex((b) => b.overflow === a.first);
  if (a.size === 1 && from !== -1) return `overflow bucket ${span} (from ${bucketName(from)})`;
  return `unreferenced: ${span}`;
}

/** A few lines of a round's history around one operation, for a violation's report. */
import { type Dialect, describeOp, describeResult } from '../../spec/describe.js';
import type { HistoryOp } from '../verify/history.js';

/** Operations shown before and after the one a violation names: enough to see what it overlapped. */
const BEFORE = 8;
const AFTER = 3;

/**
 * A few lines of a round's history around operation `focus` (an id), in call order: each with its
 * call and return positions on the shared clock, who ran it, the operation (spelled in `dialect`)
 * and its result. The focus is marked '>'. Slots as roundHistory and finalReads give them: a
 * worker's own (< workers), the calls its Range's callback made (< 2 × workers), then the reads of
 * every key made after the round.
 */
export function historyExcerpt(h: readonly HistoryOp[], focus: number, workers: number, dialect: Dialect = 'map'): string[] {
  const sorted = [...h].sort((a, b) => a.call - b.call || a.id - b.id);
  const at = sorted.findIndex((o) => o.id === focus);
  if (at < 0) return [];
  const shown = sorted.slice(Math.max(0, at - BEFORE), at + AFTER + 1);
  const spans = shown.map((o) => `[${o.call}, ${o.ret ?? '…'}]`);
  const width = Math.max(...spans.map((s) => s.length));
  const whos = shown.map((o) => (o.slot < workers ? `worker ${o.slot}` : o.slot < 2 * workers ? `worker ${o.slot - workers} in Range` : 'after round'));
  const whoWidth = Math.max(11, ...whos.map((s) => s.length));
  return shown.map((o, i) => {
    const result = o.result ? describeResult(o.result) : 'never returned';
    return `${o.id === focus ? '>' : ' '} ${spans[i]!.padEnd(width)}  ${whos[i]!.padEnd(whoWidth)}  ${describeOp(o.op, dialect)} → ${result}`;
  });
}

import type { Op } from '../../spec/types.js';
import type { History, HistoryOp } from './history.js';

/**
 * P-compositionality (Horn and Kroening; Porcupine's partitioning): a map whose operations each
 * touch one key is a product of independent registers, and a history of such a product is
 * linearizable iff each key's sub-history is. Checking keys apart turns one search over n
 * operations into several much smaller ones.
 *
 * Range, len and clear read or write every key at once, so any of them makes the keys depend on
 * each other and the history is checked whole (undefined).
 */
export function partitionByKey(h: History): HistoryOp[][] | undefined {
  const parts = new Map<number, HistoryOp[]>();
  for (const o of h) {
    const k = singleKey(o.op);
    if (k === undefined) return undefined;
    let part = parts.get(k);
    if (!part) parts.set(k, (part = []));
    part.push(o);
  }
  return [...parts.keys()].sort((a, b) => a - b).map((k) => parts.get(k)!);
}

function singleKey(op: Op): number | undefined {
  switch (op.kind) {
    case 'assign':
    case 'access':
    case 'delete':
    case 'loadOrStore':
    case 'loadAndDelete':
      return op.key;
    case 'range':
    case 'len':
    case 'clear':
      return undefined;
  }
}

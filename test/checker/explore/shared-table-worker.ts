/** One participant of the shared-table test: claims its keys against the shared table, then leaves. */
import { parentPort, workerData } from 'node:worker_threads';
import { SharedFingerprintTable } from '../../../checker/explore/shared-table.js';

export interface ClaimInput {
  buffers: SharedFingerprintTable['buffers'];
  /** Claims `key${i}` for i in [from, to), each with budget i % 5, then claims every one again with budget 9. */
  from: number;
  to: number;
}

export interface ClaimOutput {
  /** Keys this participant was first to claim. */
  firsts: number[];
  /** Keys whose second claim, with more budget, said to explore again. */
  raised: number[];
}

const { buffers, from, to } = workerData as ClaimInput;
const table = new SharedFingerprintTable(buffers);
const out: ClaimOutput = { firsts: [], raised: [] };
try {
  for (let i = from; i < to; i++) if (table.claim(`key${i}`, i % 5).isNew) out.firsts.push(i);
  for (let i = from; i < to; i++) if (table.claim(`key${i}`, 9).explore) out.raised.push(i);
} finally {
  table.leave();
}
parentPort!.postMessage(out);

/** One participant of the shared-table test: claims its keys against the shared table, then leaves. */
import { parentPort, workerData } from 'node:worker_threads';
import { SharedFingerprintTable } from '../../../checker/explore/shared-table.js';

export interface ClaimInput {
  buffers: SharedFingerprintTable['buffers'];
  /**
   * Instead of the ranges: claim keys in this other table, letting `buffers`' table grow between
   * claims without ever claiming there, until flag[0] is set (by the participant that fills it).
   */
  elsewhere?: { buffers: SharedFingerprintTable['buffers']; flag: SharedArrayBuffer };
  /** Claims `key${i}` for i in [from, to), each with budget i % 5, then claims every one again with budget 9. */
  from: number;
  to: number;
  /** Set to 1 once this participant's claims are done. */
  done?: SharedArrayBuffer;
}

export interface ClaimOutput {
  /** Keys this participant was first to claim. */
  firsts: number[];
  /** Keys whose second claim, with more budget, said to explore again. */
  raised: number[];
}

const { buffers, from, to, elsewhere, done } = workerData as ClaimInput;
const table = new SharedFingerprintTable(buffers);
const out: ClaimOutput = { firsts: [], raised: [] };
try {
  if (elsewhere) {
    const other = new SharedFingerprintTable(elsewhere.buffers);
    const stop = new Int32Array(elsewhere.flag);
    try {
      // Until the filler is done, and at least once through the thousand keys: the filler may
      // finish before this thread has gone round once (seen in CI: 289 keys), and the test counts them.
      for (let i = 0; Atomics.load(stop, 0) === 0 || i < 1000; i++) {
        table.letGrow();
        // A thousand keys over and over: the other table stays small however long this runs.
        other.claim(`other${i % 1000}`, 0);
      }
    } finally {
      other.leave();
    }
  } else {
    for (let i = from; i < to; i++) if (table.claim(`key${i}`, i % 5).isNew) out.firsts.push(i);
    for (let i = from; i < to; i++) if (table.claim(`key${i}`, 9).explore) out.raised.push(i);
    if (done) Atomics.store(new Int32Array(done), 0, 1);
  }
} finally {
  table.leave();
}
parentPort!.postMessage(out);

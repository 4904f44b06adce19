/**
 * Entry of a controlled worker: one goroutine of a scenario. It attaches to the shared map with a
 * hook that reports each scheduling point's label to the controller and blocks until granted,
 * runs its program, and reports each result, or the error that ended the program. Start it with
 * the tsx preload (impl/tsx-register.mjs): see controller.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { GoCrash } from '../hmap/errors.js';
import { HMAP_LABELS } from '../hmap/labels.js';
import { SharedGoMap } from '../hmap/map.js';
import { ControllerGone, REPORT_KIND, Slot } from './protocol.js';
import type { Fault, ThrownError, WorkerInput } from './types.js';

const input = workerData as WorkerInput;
const slot = new Slot(input.control, input.g, input.payloadChars);
const ids = new Map(HMAP_LABELS.map((label, id) => [label, id]));

let steps = 0;
function controlledHook(label: string): void {
  let id = ids.get(label);
  if (id === undefined) throw new Error(`scheduling point with an unknown label: ${label}`);
  steps++;
  if (input.fault && steps > input.fault.afterSteps) id = misbehave(input.fault, id);
  slot.report(REPORT_KIND.at, id);
  slot.awaitGrant(input.patienceMs);
}

/** Plants the test fault; returns the label id to report. */
function misbehave(fault: Fault, id: number): number {
  switch (fault.kind) {
    case 'hang':
      // Blocks without answering; bounded like every wait here, and ended by terminate().
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
      return id;
    case 'exit':
      return process.exit(3);
    case 'mislabel':
      return (id + 1) % HMAP_LABELS.length;
  }
}

function thrown(e: unknown): ThrownError {
  if (e instanceof GoCrash) return { goKind: e.goKind, name: e.name, message: e.message };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

function run(): void {
  const map = SharedGoMap.attach(input.config, input.map, controlledHook);
  parentPort!.postMessage({ type: 'ready' });
  for (const op of input.program) {
    let result;
    try {
      result = map.run(op);
    } catch (e) {
      if (e instanceof ControllerGone) throw e;
      // In Go a fatal ends the whole program: this goroutine runs nothing more.
      slot.report(REPORT_KIND.threw, -1, JSON.stringify(thrown(e)));
      return;
    }
    slot.report(REPORT_KIND.returned, -1, JSON.stringify(result));
    slot.awaitGrant(input.patienceMs);
  }
  slot.report(REPORT_KIND.done);
}

try {
  run();
} catch (e) {
  slot.report(REPORT_KIND.failed, -1, JSON.stringify(thrown(e)));
}

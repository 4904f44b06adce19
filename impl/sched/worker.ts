/**
 * Entry of a controlled worker: one goroutine of a scenario. It attaches to the shared map (the
 * plain map or sync.Map, as WorkerInput.target says) with a hook that reports each scheduling
 * point's label to the controller and blocks until granted, runs its program, and reports each
 * result, or the error that ended the program. Start it with the tsx preload
 * (impl/tsx-register.mjs): see controller.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Op, OpResult } from '../../spec/types.js';
import { GoCrash } from '../hmap/errors.js';
import { HMAP_LABELS } from '../hmap/labels.js';
import { SharedGoMap } from '../hmap/map.js';
import { SYNCMAP_LABELS } from '../syncmap/labels.js';
import { SharedSyncMap } from '../syncmap/map.js';
import { ControllerGone, REPORT_KIND, Slot } from './protocol.js';
import type { Fault, NestedCall, Returned, SchedTarget, ThrownError, WorkerInput } from './types.js';

const input = workerData as WorkerInput;
const slot = new Slot(input.control, input.g, input.payloadChars);

/** Each target's label table: a label's index is its id on the wire (the controller has the same table). */
const LABELS: Record<SchedTarget, readonly string[]> = { hmap: HMAP_LABELS, syncmap: SYNCMAP_LABELS };
const labels = LABELS[input.target];
if (labels === undefined) throw new Error(`no controlled implementation for target "${String(input.target)}"`);
const ids = new Map(labels.map((label, id) => [label, id]));

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
      return (id + 1) % labels.length;
  }
}

function thrown(e: unknown): ThrownError {
  if (e instanceof GoCrash) return { goKind: e.goKind, name: e.name, message: e.message };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** One operation run to its end: its result, with the calls a Range callback made inside it. */
type Runner = (op: Op) => Returned;

function runner(): Runner {
  if (input.target === 'hmap') {
    const map = SharedGoMap.attach(input.config, input.map, controlledHook);
    return (op) => ({ result: map.run(op) });
  }
  const map = SharedSyncMap.attach(input.config, input.map, controlledHook);
  return (op) => {
    const nested: NestedCall[] = [];
    const result: OpResult = map.run(op, (call, r) => nested.push({ call, result: r }));
    return nested.length > 0 ? { result, nested } : { result };
  };
}

function run(): void {
  const runOp = runner();
  parentPort!.postMessage({ type: 'ready' });
  for (const op of input.program) {
    let returned: Returned;
    try {
      returned = runOp(op);
    } catch (e) {
      if (e instanceof ControllerGone) throw e;
      // In Go a fatal ends the whole program: this goroutine runs nothing more.
      slot.report(REPORT_KIND.threw, -1, JSON.stringify(thrown(e)));
      return;
    }
    slot.report(REPORT_KIND.returned, -1, JSON.stringify(returned));
    slot.awaitGrant(input.patienceMs);
  }
  slot.report(REPORT_KIND.done);
}

try {
  run();
} catch (e) {
  slot.report(REPORT_KIND.failed, -1, JSON.stringify(thrown(e)));
}

/**
 * Entry of a controlled worker: one goroutine of a scenario. It attaches to the shared map (the
 * plain map, sync.Map or a guarded map, as WorkerInput.target says) with a hook that reports each
 * scheduling point's label to the controller and blocks until granted, runs its program, and
 * reports each result, or the error that ended the program. Start it with the tsx preload
 * (impl/tsx-register.mjs): see controller.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Op, OpResult } from '../../spec/types.js';
import type { GuardedBuffer } from '../guarded/base.js';
import { SharedMutexMap, SharedRWMutexMap, SharedShardedMap } from '../guarded/index.js';
import { GoCrash } from '../hmap/errors.js';
import { SharedGoMap } from '../hmap/map.js';
import { SharedSyncMap } from '../syncmap/map.js';
import { SCHED_LABELS } from './labels.js';
import { ControllerGone, REPORT_KIND, Slot } from './protocol.js';
import type { Fault, NestedCall, Returned, ThrownError, WorkerInput } from './types.js';

/** The worker's input: the one it started with, then each reset's (Controller.reset). */
let input = workerData as WorkerInput;
// One slot for the worker's whole life: its counters carry on from one program to the next.
const slot = new Slot(input.control, input.g, input.payloadChars);

/** The target's label table; an unknown target fails the worker before it reports ready. */
function labelsOf(target: string): readonly string[] {
  if (!Object.hasOwn(SCHED_LABELS, target)) throw new Error(`no controlled implementation for target "${target}"`);
  return SCHED_LABELS[target as keyof typeof SCHED_LABELS];
}
let labels: readonly string[] = [];
let ids = new Map<string, number>();

/** Thrown through the program when the controller ends it early to hand over the next one. */
class Aborted extends Error {}

/** Waits for the controller's grant; an aborting grant unwinds the program. */
function granted(): void {
  slot.awaitGrant(input.patienceMs);
  if (slot.aborting()) throw new Aborted('aborted by the controller');
}

let steps = 0;
function controlledHook(label: string): void {
  // A finally block on the way out of an aborted program (an Unlock, say) must not report again.
  if (slot.aborting()) throw new Aborted('aborted by the controller');
  let id = ids.get(label);
  if (id === undefined) throw new Error(`scheduling point with an unknown label: ${label}`);
  steps++;
  if (input.fault && steps > input.fault.afterSteps) id = misbehave(input.fault, id);
  slot.report(REPORT_KIND.at, id);
  granted();
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
  const { config, target } = input;
  // Only the guarded maps share more than one buffer; the others take theirs as it is.
  const buffer = input.map as SharedArrayBuffer;
  const guarded = input.map as GuardedBuffer;
  const wait = input.waitMs === undefined ? {} : { waitMs: input.waitMs };
  switch (target) {
    case 'hmap': {
      const map = SharedGoMap.attach(config, buffer, controlledHook);
      return (op) => ({ result: map.run(op) });
    }
    case 'syncmap': {
      const map = SharedSyncMap.attach(config, buffer, controlledHook);
      return (op) => {
        const nested: NestedCall[] = [];
        const result: OpResult = map.run(op, (call, r) => nested.push({ call, result: r }));
        return nested.length > 0 ? { result, nested } : { result };
      };
    }
    case 'mutex-map': {
      const map = SharedMutexMap.attach(config, guarded, controlledHook, wait);
      return (op) => ({ result: map.run(op) });
    }
    case 'rwmutex-map': {
      const map = SharedRWMutexMap.attach(config, guarded, controlledHook, wait);
      return (op) => ({ result: map.run(op) });
    }
    case 'sharded-map': {
      // The shard count is in the lock buffer's header: every worker sees the map's own.
      const map = SharedShardedMap.attach(config, guarded, controlledHook, wait);
      return (op) => ({ result: map.run(op) });
    }
  }
}

function run(): void {
  labels = labelsOf(input.target);
  ids = new Map(labels.map((label, id) => [label, id]));
  steps = 0;
  const runOp = runner();
  for (const op of input.program) {
    let returned: Returned;
    try {
      returned = runOp(op);
    } catch (e) {
      if (e instanceof ControllerGone || e instanceof Aborted) throw e;
      // In Go a fatal ends the whole program: this goroutine runs nothing more.
      slot.report(REPORT_KIND.threw, -1, JSON.stringify(thrown(e)));
      return;
    }
    slot.report(REPORT_KIND.returned, -1, JSON.stringify(returned));
    granted();
  }
  slot.report(REPORT_KIND.done);
}

/** Runs the current program; whatever ends it is reported, and the worker then waits for a reset. */
function session(): void {
  try {
    run();
  } catch (e) {
    if (e instanceof Aborted) slot.report(REPORT_KIND.aborted);
    else slot.report(REPORT_KIND.failed, -1, JSON.stringify(thrown(e)));
  }
}

// A reset hands over a new map and program (the same goroutine number and control slots). It
// arrives only once the last program has ended (done, threw, failed or aborted): the controller
// waits for that report first, so the worker is idle here, not inside a program.
parentPort!.on('message', (m: { type?: string; input?: Pick<WorkerInput, 'target' | 'config' | 'map' | 'program' | 'fault' | 'waitMs'> }) => {
  if (m.type !== 'reset' || !m.input) return;
  const { fault: _, waitMs: __, ...rest } = input;
  input = { ...rest, ...m.input };
  session();
});
// An unknown target throws here, before 'ready': the worker fails to start, as it should.
labelsOf(input.target);
parentPort!.postMessage({ type: 'ready' });
session();

import type { MapConfig } from '../../spec/config.js';
import type { Op, OpResult } from '../../spec/types.js';
import type { GuardedBuffer } from '../guarded/base.js';
import type { GoCrashKind } from '../hmap/errors.js';

/**
 * A fault a test can plant in a worker to check that the harness copes: after `afterSteps`
 * scheduling points the worker stops answering ('hang'), exits ('exit'), or reports the wrong
 * label ('mislabel'). Never set outside the harness's own tests.
 */
export interface Fault {
  afterSteps: number;
  kind: 'hang' | 'exit' | 'mislabel';
}

/** The implementations a controlled worker can run, by their spec's target name. */
export type SchedTarget = 'hmap' | 'syncmap' | 'mutex-map' | 'rwmutex-map' | 'sharded-map';

/** A map's shared memory: one buffer (SharedGoMap, SharedSyncMap), or a guarded map's lock and shard buffers. */
export type SchedMap = SharedArrayBuffer | GuardedBuffer;

/** What one controlled worker is given (structured-cloned; the buffers are shared, not copied). */
export interface WorkerInput {
  /** Which implementation to run: SharedGoMap, SharedSyncMap, or one of the guarded maps (impl/guarded). */
  target: SchedTarget;
  config: MapConfig;
  /** The map's memory, shared by every worker: a GuardedBuffer for the guarded maps, else one buffer. */
  map: SchedMap;
  /**
   * Guarded maps: how long one wait on a lock's semaphore may sleep before it throws
   * LockWaitTimeout (impl/sync/sema.ts). Under control a granted goroutine never has to wait (the
   * spec grants a semacquire only when a token is there), so a wait means the implementation
   * parted from the spec; a bound below the step timeout makes that a crash at its step rather
   * than an unresponsive worker.
   */
  waitMs?: number;
  /** The control slots (protocol.ts), shared with the controller. */
  control: SharedArrayBuffer;
  payloadChars: number;
  /** This worker's goroutine number: its slot, and its program in the scenario. */
  g: number;
  program: Op[];
  /** How long the worker waits for a grant before it gives up (the controller is gone). */
  patienceMs: number;
  fault?: Fault;
}

/** How an operation's exception crosses the wire. */
export interface ThrownError {
  /** Set when it stands for a Go crash (fatal, throw, panic, or a wild access). */
  goKind?: GoCrashKind;
  name: string;
  message: string;
}

/**
 * A call a sync.Map Range's callback made (spec/types.ts RangeBody): an operation of its own in
 * the spec's history, so conformance compares them too.
 */
export interface NestedCall {
  call: Op;
  result: OpResult;
}

/** What a worker reports when one of its operations returns (the payload of REPORT_KIND.returned). */
export interface Returned {
  result: OpResult;
  /** The nested calls the operation made, in order; absent when it made none. */
  nested?: NestedCall[];
}

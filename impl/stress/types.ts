import type { MapConfig } from '../../spec/config.js';
import type { Program } from './program.js';
import type { MapBuffer, StressTarget } from './targets.js';

/**
 * A fault a test plants in a stress worker to check that the pool copes: in round `round` the
 * worker stops answering before the start barrier ('hang'), exits ('exit'), blocks after the
 * barrier as a map operation stuck in a loop would ('loop'), or comes to the barrier LATE_MS
 * late and then runs its round ('late', as a worker whose round message was slow). Never set
 * outside tests.
 */
export interface StressFault {
  round: number;
  kind: 'hang' | 'exit' | 'loop' | 'late';
}

/** How late a 'late' worker comes to the barrier: long enough for a test to look at the others meanwhile. */
export const LATE_MS = 400;

/** What a stress worker is given once, at start (structured-cloned; the buffers are shared). */
export interface StressWorkerInput {
  /** Which map the rounds run on; absent: the plain map. */
  target?: StressTarget;
  config: MapConfig;
  /** Which worker this is: its log region. */
  w: number;
  workers: number;
  /** The control words (log.ts), shared by all workers and the main thread. */
  control: SharedArrayBuffer;
  log: SharedArrayBuffer;
  /** Records per worker in the log: the most operations one worker runs in a round. */
  capacity: number;
  /** How long a worker waits at the start barrier for the others before it gives up. */
  barrierTimeoutMs: number;
  /** How long it spins at the barrier before it sleeps (0: sleep at once). */
  spinMs: number;
  fault?: StressFault;
}

/** Main thread → worker: run one round on this (fresh) map. */
export interface RoundMessage {
  type: 'round';
  round: number;
  map: MapBuffer;
  program: Program;
}

/** Worker → main thread. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; round: number }
  /** The worker itself failed (not an operation: those are logged). */
  | { type: 'failed'; round: number; message: string };

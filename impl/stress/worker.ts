/**
 * Entry of a free-running stress worker. For each round the main thread sends it a fresh map (of
 * input.target: the plain map, a guarded one, or sync.Map) and a program; it attaches to the map
 * with the no-op hook (free mode: nothing slows it down, so it races for real), meets the other
 * workers at the start barrier (barrier.ts), and runs the program (runners.ts), logging each call
 * and return at a position of the shared Atomics clock (log.ts). When an operation throws, it sets STOP: a fatal in Go ends the whole
 * program, so every worker stops at its next operation boundary. Start it with the tsx preload,
 * as pool.ts does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArenaFullError, GoCrash } from '../hmap/errors.js';
import { CLOCK, FINISHED, LogWriter, type LoggedErrorKind, PHASE, phaseWord, STOP } from './log.js';
import { startBarrier } from './barrier.js';
import { programLength, TRIPLE } from './program.js';
import { mapRunner, syncRunner } from './runners.js';
import { attachStressMap, attachSyncStressMap } from './targets.js';
import { LATE_MS, type RoundMessage, type StressFault, type StressWorkerInput, type WorkerMessage } from './types.js';

const input = workerData as StressWorkerInput;
const ctl = new Int32Array(input.control);
const log = new LogWriter(input.log, input.w, input.capacity);
const port = parentPort!;

function post(m: WorkerMessage): void {
  port.postMessage(m);
}

/** The next position of the shared clock: one global order of every call and return. */
const tick = (): number => Atomics.add(ctl, CLOCK, 1);

function kindOf(e: unknown): LoggedErrorKind {
  if (e instanceof GoCrash) return e.goKind;
  if (e instanceof ArenaFullError) return 'arena';
  return 'other';
}

function messageOf(e: unknown): string {
  if (e instanceof GoCrash || e instanceof ArenaFullError) return e.message;
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function runRound(m: RoundMessage): void {
  // Acquire the main thread's resets, made after it wrote the fresh map's header (see pool.ts).
  Atomics.load(ctl, STOP);
  const target = input.target ?? 'hmap';
  const run = target === 'syncmap'
    ? syncRunner(attachSyncStressMap(input.config, m.map), log, tick)
    : mapRunner(attachStressMap(target, input.config, m.map), log, tick);
  const fault = input.fault?.round === m.round ? input.fault : undefined;
  if (fault && fault.kind !== 'loop') misbehave(fault);
  Atomics.store(ctl, phaseWord(input.w), PHASE.atBarrier);
  startBarrier({ ctl, workers: input.workers, w: input.w, timeoutMs: input.barrierTimeoutMs, spinMs: input.spinMs });
  Atomics.store(ctl, phaseWord(input.w), PHASE.running);
  if (fault?.kind === 'loop') misbehave(fault);
  const p = m.program;
  let started = 0;
  for (let i = 0; i < programLength(p); i++) {
    if (Atomics.load(ctl, STOP) !== 0) break;
    started++;
    try {
      run(i, p[i * TRIPLE]!, p[i * TRIPLE + 1]!, p[i * TRIPLE + 2]!);
    } catch (e) {
      log.error(i, kindOf(e), messageOf(e), tick());
      Atomics.store(ctl, STOP, 1);
      break;
    }
  }
  log.finish(started);
  Atomics.store(ctl, phaseWord(input.w), PHASE.finished);
  Atomics.add(ctl, FINISHED, 1);
}

/** Plants the test fault. */
function misbehave(fault: StressFault): void {
  if (fault.kind === 'exit') process.exit(3);
  if (fault.kind === 'late') {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LATE_MS);
    return;
  }
  // Blocks without answering; bounded like every wait here, and ended by terminate().
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

port.on('message', (m: RoundMessage) => {
  if (m.type !== 'round') return;
  try {
    runRound(m);
    post({ type: 'done', round: m.round });
  } catch (e) {
    post({ type: 'failed', round: m.round, message: messageOf(e) });
  }
});
post({ type: 'ready' });

/**
 * Entry of a free-running stress worker. For each round the main thread sends it a fresh map (of
 * input.target: the plain map, or a guarded one) and a program; it attaches to the map with the
 * no-op hook (free mode: nothing slows it down, so it races for real), meets the other workers at
 * a start barrier, and runs the program, logging each call and return at a position of the shared
 * Atomics clock (log.ts). When an operation throws, it sets STOP: a fatal in Go ends the whole
 * program, so every worker stops at its next operation boundary. Start it with the tsx preload,
 * as pool.ts does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArenaFullError, GoCrash } from '../hmap/errors.js';
import type { MapApi } from '../guarded/base.js';
import { ARRIVED, CLOCK, FINISHED, LogWriter, type LoggedErrorKind, PHASE, phaseWord, STOP } from './log.js';
import { OP_CODE, programLength, TRIPLE } from './program.js';
import { attachStressMap } from './targets.js';
import type { RoundMessage, StressFault, StressWorkerInput, WorkerMessage } from './types.js';

const input = workerData as StressWorkerInput;
const ctl = new Int32Array(input.control);
const log = new LogWriter(input.log, input.w, input.capacity);
const port = parentPort!;

function post(m: WorkerMessage): void {
  port.postMessage(m);
}

/**
 * The start barrier. Workers receive their round message tens of microseconds apart, and a
 * round's operations take about as long, so a worker that slept here would wake after the others
 * had finished and nothing would race. So it spins (up to input.spinMs, which covers any worker
 * that is running), then waits in bounded slices. With more workers than cores the pool sets
 * spinMs to 0: spinners would take the cores the late workers need to arrive at all.
 */
function barrier(): void {
  const arrived = Atomics.add(ctl, ARRIVED, 1) + 1;
  if (arrived >= input.workers) {
    Atomics.notify(ctl, ARRIVED);
    return;
  }
  const start = Date.now();
  const deadline = start + input.barrierTimeoutMs;
  for (let spin = 1; ; spin++) {
    const now = Atomics.load(ctl, ARRIVED);
    if (now >= input.workers) return;
    // Date.now() costs more than a load: look at the time only every few thousand spins.
    if (input.spinMs > 0 && (spin & 4095) !== 0) continue;
    const t = Date.now();
    if (t > deadline) throw new Error(`worker ${input.w}: the other workers did not reach the start barrier within ${input.barrierTimeoutMs} ms`);
    if (t - start >= input.spinMs) Atomics.wait(ctl, ARRIVED, now, 5);
  }
}

function kindOf(e: unknown): LoggedErrorKind {
  if (e instanceof GoCrash) return e.goKind;
  if (e instanceof ArenaFullError) return 'arena';
  return 'other';
}

function messageOf(e: unknown): string {
  if (e instanceof GoCrash || e instanceof ArenaFullError) return e.message;
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Runs operation i; logs its call, its results and its return. Throws what the map throws. */
function runOp(map: MapApi, i: number, code: number, key: number, value: number): void {
  log.call(i, code, key, value, Atomics.add(ctl, CLOCK, 1));
  switch (code) {
    case OP_CODE.assign:
      map.assign(key, value);
      log.ret(i, Atomics.add(ctl, CLOCK, 1));
      return;
    case OP_CODE.access: {
      const r = map.access(key);
      log.ret(i, Atomics.add(ctl, CLOCK, 1), r.value, r.ok ? 1 : 0);
      return;
    }
    case OP_CODE.delete:
      map.delete(key);
      log.ret(i, Atomics.add(ctl, CLOCK, 1));
      return;
    case OP_CODE.range: {
      let n = 0;
      for (const [k, v] of map.range()) log.pair(i, n++, k, v);
      log.ret(i, Atomics.add(ctl, CLOCK, 1));
      return;
    }
    case OP_CODE.clear:
      map.clear();
      log.ret(i, Atomics.add(ctl, CLOCK, 1));
      return;
    case OP_CODE.len: {
      const n = map.len();
      log.ret(i, Atomics.add(ctl, CLOCK, 1), n);
      return;
    }
    default:
      throw new Error(`unknown operation code ${code}`);
  }
}

function runRound(m: RoundMessage): void {
  // Acquire the main thread's resets, made after it wrote the fresh map's header (see pool.ts).
  Atomics.load(ctl, STOP);
  const map = attachStressMap(input.target ?? 'hmap', input.config, m.map);
  const fault = input.fault?.round === m.round ? input.fault : undefined;
  if (fault && fault.kind !== 'loop') misbehave(fault);
  Atomics.store(ctl, phaseWord(input.w), PHASE.atBarrier);
  barrier();
  Atomics.store(ctl, phaseWord(input.w), PHASE.running);
  if (fault?.kind === 'loop') misbehave(fault);
  const p = m.program;
  let started = 0;
  for (let i = 0; i < programLength(p); i++) {
    if (Atomics.load(ctl, STOP) !== 0) break;
    started++;
    try {
      runOp(map, i, p[i * TRIPLE]!, p[i * TRIPLE + 1]!, p[i * TRIPLE + 2]!);
    } catch (e) {
      log.error(i, kindOf(e), messageOf(e), Atomics.add(ctl, CLOCK, 1));
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

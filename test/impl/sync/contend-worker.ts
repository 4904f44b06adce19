/**
 * A worker for contend.test.ts: hammers one lock with plain (non-atomic) read-modify-writes of
 * shared words, which only mutual exclusion keeps intact. Start it with the tsx preload.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SharedMutex } from '../../../impl/sync/mutex.js';
import { SharedRWMutex } from '../../../impl/sync/rwmutex.js';

export interface ContendInput {
  kind: 'mutex' | 'rwmutex';
  /** The lock at word 0; at dataAt two data words A and B, then a start barrier's count. */
  buffer: SharedArrayBuffer;
  dataAt: number;
  iterations: number;
  /** rwmutex: one iteration in `readEvery` is a writer, the others readers. */
  readEvery: number;
  seed: number;
}

const input = workerData as ContendInput;
const i32 = new Int32Array(input.buffer);
const A = input.dataAt;
const B = input.dataAt + 1;
const ARRIVED = input.dataAt + 2;
let torn = 0;
let writes = 0;
let x = input.seed >>> 0;
const coin = (n: number): boolean => {
  x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
  return x % n === 0;
};

/** A = A + 1, then B = A, in plain steps slow enough for a second writer to land in between. */
function write(): void {
  const a = i32[A]!;
  for (let spin = 0; spin < 20; spin++) if (i32[B] === -1) break;
  i32[A] = a + 1;
  i32[B] = a + 1;
  writes++;
}

// Both workers start together: a worker that started first would finish before the other loads.
Atomics.add(i32, ARRIVED, 1);
const deadline = Date.now() + 30_000;
while (Atomics.load(i32, ARRIVED) < 2) if (Date.now() > deadline) throw new Error('the other worker never arrived');

if (input.kind === 'mutex') {
  const mu = new SharedMutex(i32, 0);
  for (let i = 0; i < input.iterations; i++) {
    mu.lock();
    write();
    mu.unlock();
  }
} else {
  const rw = new SharedRWMutex(i32, 0);
  for (let i = 0; i < input.iterations; i++) {
    if (coin(input.readEvery)) {
      rw.lock();
      write();
      rw.unlock();
    } else {
      rw.rlock();
      // A writer inside with us would show as A and B apart.
      if (i32[A] !== i32[B]) torn++;
      rw.runlock();
    }
  }
}
parentPort!.postMessage({ writes, torn });

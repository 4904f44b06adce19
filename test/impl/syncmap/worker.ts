/**
 * One free-running worker of workers.test.ts: meets the other at a barrier, bumps a shared
 * counter under a Mutex with a plain (non-atomic) read and write, meets again, then runs its
 * own keys through the shared SharedSyncMap, checking every result it can predict. Keys of
 * worker w are w*KEY_SPAN + i, so the workers never share a key but do share mu, dirty and read.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SharedSyncMap } from '../../../impl/syncmap/index.js';
import { FREE, Mutex } from '../../../impl/syncmap/mutex.js';
import { SMALL } from '../../../spec/config.js';
import { ARRIVED, COUNTER, expectedValue, KEY_SPAN, MUTEX, type WorkerInput } from './workload.js';

const input = workerData as WorkerInput;
const ctl = new Int32Array(input.control);

/** Waits (bounded) until both workers have arrived `round + 1` times. */
function barrier(round: number): void {
  Atomics.add(ctl, ARRIVED, 1);
  const want = 2 * (round + 1);
  const deadline = Date.now() + 60_000;
  for (let now = Atomics.load(ctl, ARRIVED); now < want; now = Atomics.load(ctl, ARRIVED)) {
    if (Date.now() > deadline) throw new Error(`worker ${input.w}: the other worker never reached barrier ${round}`);
    Atomics.wait(ctl, ARRIVED, now, 1);
  }
}

function countUnderMutex(): void {
  const mu = new Mutex(ctl, MUTEX, FREE, 5_000);
  for (let i = 0; i < input.increments; i++) {
    mu.lock('count');
    ctl[COUNTER] = ctl[COUNTER]! + 1;
    mu.unlock('count');
  }
}

function useMap(): string[] {
  const m = SharedSyncMap.attach(SMALL, input.map);
  const wrong: string[] = [];
  const check = (what: string, got: unknown, want: unknown): void => {
    if (JSON.stringify(got) !== JSON.stringify(want) && wrong.length < 20) wrong.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  for (let i = 0; i < input.keys; i++) {
    const k = input.w * KEY_SPAN + i;
    m.store(k, 2 * i + 1);
    if (i % 3 === 0) check(`Load(${k})`, m.load(k), { value: 2 * i + 1, ok: true });
    if (i % 5 === 0) check(`LoadAndDelete(${k})`, m.loadAndDelete(k), { value: 2 * i + 1, ok: true });
    if (i % 7 === 0) check(`LoadOrStore(${k})`, m.loadOrStore(k, -(i + 1)), i % 5 === 0 ? { actual: -(i + 1), loaded: false } : { actual: 2 * i + 1, loaded: true });
    if (i % 11 === 0) check(`Load(missing ${k + KEY_SPAN / 2})`, m.load(k + KEY_SPAN / 2), { value: 0, ok: false });
    if (i % 97 === 0) m.range((key, value) => {
      // Only this worker changes its own keys, so what Range gives for them is what they hold.
      if (Math.floor(key / KEY_SPAN) === input.w && key % KEY_SPAN <= i) check(`Range(${key})`, value, expectedValue(key % KEY_SPAN));
    });
  }
  for (let i = 0; i < input.keys; i++) {
    const v = expectedValue(i);
    check(`final Load(${input.w * KEY_SPAN + i})`, m.load(input.w * KEY_SPAN + i), v === undefined ? { value: 0, ok: false } : { value: v, ok: true });
  }
  return wrong;
}

barrier(0);
countUnderMutex();
barrier(1);
parentPort!.postMessage({ w: input.w, wrong: useMap() });

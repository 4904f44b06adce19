/**
 * One benchmark worker: attaches to the shared map (or talks to the Map owner through a port),
 * says 'ready', waits for the start gate, runs its operations and reports its seconds.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { MapConfig } from '../../spec/config.js';
import { Rng } from '../stress/mix.js';
import { type Mix, type OpKind, pickOp } from './mixes.js';
import { subjectNamed } from './subjects.js';

interface Data {
  subject: string;
  config: MapConfig;
  memory?: unknown;
  port?: MessagePort;
  gate: SharedArrayBuffer;
  ops: number;
  keys: number;
  mix: Mix;
  seed: number;
  worker: number;
}

const d = workerData as Data;
const gate = new Int32Array(d.gate);
// The stress mode's seeded generator: every subject runs the same op sequence, so the same work.
const rng = new Rng(d.seed * 7919 + d.worker + 1);

/** The next operation of this worker's sequence and the key it touches. */
function nextOp(): { op: OpKind; key: number } {
  return { op: pickOp(d.mix, rng.next()), key: rng.below(d.keys) };
}

function waitForGate(): void {
  // The main thread opens the gate once every worker is ready; a minute is far beyond any start.
  while (Atomics.load(gate, 0) === 0) if (Atomics.wait(gate, 0, 0, 60_000) === 'timed-out') throw new Error('the start gate never opened');
}

async function viaPort(port: MessagePort): Promise<void> {
  let pending: ((v: unknown) => void) | undefined;
  port.on('message', (m) => pending?.(m));
  const call = (msg: [string, number, number]): Promise<unknown> => new Promise((r) => {
    pending = r;
    port.postMessage(msg);
  });
  for (let i = 0; i < d.ops; i++) {
    const { op, key } = nextOp();
    await call([op, key, i + 1]);
  }
  port.close();
}

function direct(memory: unknown): number {
  const m = subjectNamed(d.subject).attach(d.config, memory);
  let sum = 0;
  for (let i = 0; i < d.ops; i++) {
    const { op, key } = nextOp();
    if (op === 'access') sum += m.access(key) ? 1 : 0;
    else if (op === 'assign') m.assign(key, i + 1);
    else m.delete(key);
  }
  return sum;
}

parentPort!.postMessage('ready');
waitForGate();
const t0 = performance.now();
if (d.port) await viaPort(d.port);
else direct(d.memory);
parentPort!.postMessage({ seconds: (performance.now() - t0) / 1000 });

/**
 * Throughput of each shared map with W workers on two op mixes, against the baseline a Node user
 * would reach for: a plain JS Map owned by the main thread, which workers call through message
 * ports. Every subject runs the same seeded op sequence over the same keys. Prints ops/s; asserts
 * nothing. The plain map (hmap) is not safe to share with a writer, so it runs one worker only,
 * as the ceiling of the map code itself.
 *
 *   npx tsx impl/bench/throughput.ts [ops-per-worker]
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { TSX_PRELOAD } from '../sched/controller.js';
import { MIXES, type Mix } from './mixes.js';
import { SUBJECTS } from './subjects.js';
import { goConfig } from './workload.js';

const WORKER_FILE = new URL('./throughput-worker.ts', import.meta.url);
const KEYS = 64;
/** The baseline's name in the table. */
export const MESSAGE_MAP = 'Map + postMessage';

export interface Throughput {
  subject: string;
  mix: string;
  workers: number;
  ops: number;
  seconds: number;
  opsPerSecond: number;
}

/** Runs `workers` workers of `ops` operations each on `subject` (or the message-passing baseline). */
export async function measure(subject: string, mix: Mix, workers: number, ops: number): Promise<Throughput> {
  const config = goConfig(KEYS);
  const gate = new SharedArrayBuffer(4);
  const owner = subject === MESSAGE_MAP ? new Map<number, number>() : undefined;
  const memory = owner ? undefined : SUBJECTS.find((s) => s.name === subject)!.create(config);
  const started: Worker[] = [];
  try {
    const finished: Array<Promise<number>> = [];
    for (let w = 0; w < workers; w++) {
      const channel = owner ? new MessageChannel() : undefined;
      if (channel) serve(owner!, channel.port1);
      const workerData = { subject, config, memory, port: channel?.port2, gate, ops, keys: KEYS, mix, seed: 1, worker: w };
      const worker = new Worker(WORKER_FILE, { workerData, execArgv: ['--import', TSX_PRELOAD], transferList: channel ? [channel.port2] : [] });
      started.push(worker);
      const ready = new Promise<void>((ok, fail) => {
        worker.once('error', fail);
        worker.once('message', () => ok());
      });
      await ready;
      finished.push(new Promise((ok, fail) => {
        worker.once('error', fail);
        worker.once('message', (m: { seconds: number }) => ok(m.seconds));
      }));
    }
    const g = new Int32Array(gate);
    Atomics.store(g, 0, 1);
    Atomics.notify(g, 0);
    const seconds = Math.max(...(await Promise.all(finished)));
    return { subject, mix: mix.name, workers, ops: ops * workers, seconds, opsPerSecond: (ops * workers) / seconds };
  } finally {
    await Promise.all(started.map((w) => w.terminate()));
  }
}

/** The Map owner's side: one reply per request, in order. */
function serve(map: Map<number, number>, port: import('node:worker_threads').MessagePort): void {
  port.on('message', ([op, key, value]: [string, number, number]) => {
    if (op === 'access') port.postMessage(map.get(key) ?? 0);
    else if (op === 'assign') port.postMessage(map.set(key, value).size);
    else port.postMessage(map.delete(key));
  });
  port.unref();
}

/** Every subject on every mix: the safe maps and the baseline with `workers` workers, hmap with one. */
export async function measureAll(workers: number, ops: number): Promise<Throughput[]> {
  const out: Throughput[] = [];
  for (const mix of MIXES) {
    out.push(await measure(MESSAGE_MAP, mix, workers, ops));
    for (const s of SUBJECTS) out.push(await measure(s.name, mix, s.safe ? workers : 1, ops));
  }
  return out;
}

/** One row of the bench's table: mix, subject, workers (hmap runs on one: "1 worker"), throughput. */
export function throughputLine(r: Throughput): string {
  const workers = `${r.workers} ${r.workers === 1 ? 'worker' : 'workers'}`;
  return `${r.mix.padEnd(12)} ${r.subject.padEnd(20)} ${workers.padStart(10)} ${Math.round(r.opsPerSecond).toLocaleString('en-US').padStart(12)} ops/s`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ops = Number(process.argv[2] ?? 200_000);
  for (const r of await measureAll(2, ops)) process.stdout.write(`${throughputLine(r)}\n`);
}

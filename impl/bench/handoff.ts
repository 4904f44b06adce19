/**
 * Controlled mode against the floor it is built on. The floor: a raw Atomics hand-off between the
 * main thread and one worker (store + notify, then wait for the answer), round trips per second.
 * Controlled mode: one worker runs a long program on SharedGoMap and the controller grants it one
 * step at a time, as the conformance runs do: steps per second. Prints figures; asserts nothing.
 *
 *   npx tsx impl/bench/handoff.ts
 */
import { Worker } from 'node:worker_threads';
import { HMAP_LABELS, SharedGoMap } from '../hmap/index.js';
import { Controller } from '../sched/controller.js';
import type { Op } from '../../spec/types.js';
import { goConfig } from './workload.js';

const ROUND_TRIPS = 200_000;
const KEYS = 300;

/** The worker side of the raw hand-off: wait for an odd number, answer with the next even one. */
const PONG = `
const { workerData } = require('node:worker_threads');
const a = new Int32Array(workerData);
for (let seen = 0; ; ) {
  if (Atomics.wait(a, 0, seen, 10000) === 'timed-out') break;
  seen = Atomics.load(a, 0);
  if (seen < 0) break;
  Atomics.store(a, 0, ++seen);
  Atomics.notify(a, 0);
}`;

async function rawHandoff(n: number): Promise<number> {
  const buf = new SharedArrayBuffer(4);
  const a = new Int32Array(buf);
  const w = new Worker(PONG, { eval: true, workerData: buf });
  await new Promise((r) => w.once('online', r));
  try {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const ping = 2 * i + 1;
      Atomics.store(a, 0, ping);
      Atomics.notify(a, 0);
      while (Atomics.load(a, 0) === ping) Atomics.wait(a, 0, ping, 5000);
    }
    return n / (Number(process.hrtime.bigint() - t0) / 1e9);
  } finally {
    Atomics.store(a, 0, -1);
    Atomics.notify(a, 0);
    await w.terminate();
  }
}

async function controlled(): Promise<{ perSecond: number; steps: number }> {
  const cfg = goConfig(KEYS);
  const program: Op[] = [];
  for (let k = 0; k < KEYS; k++) program.push({ kind: 'assign', key: k, value: k + 1 });
  for (let k = 0; k < KEYS; k++) program.push({ kind: 'access', key: k });
  for (let k = 0; k < KEYS; k += 2) program.push({ kind: 'delete', key: k });
  program.push({ kind: 'range' });
  const map = SharedGoMap.create(cfg);
  const ctl = await Controller.start({ goroutines: [{ target: 'hmap', config: cfg, map: map.buffer, program }], labels: HMAP_LABELS });
  try {
    let steps = 0;
    const t0 = process.hrtime.bigint();
    while (ctl.state(0).kind === 'at') {
      ctl.step(0);
      steps++;
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (ctl.state(0).kind !== 'done') throw new Error(`the program did not finish: ${JSON.stringify(ctl.state(0))}`);
    return { perSecond: steps / seconds, steps };
  } finally {
    await ctl.close();
  }
}

const raw = Math.max(await rawHandoff(ROUND_TRIPS), await rawHandoff(ROUND_TRIPS));
const runs = [await controlled(), await controlled()];
const best = Math.max(...runs.map((r) => r.perSecond));
const k = (x: number): string => `${(x / 1000).toFixed(1)} k/s`;
console.log(`raw Atomics hand-off (main ⇄ worker):  ${k(raw)} round trips`);
console.log(`controlled SharedGoMap, 1 worker:      ${k(best)} steps  (${runs[0]!.steps} steps per run)`);
console.log(`controlled / raw:                      ${((best / raw) * 100).toFixed(0)} %  (issue 4's goal: at least 50 %)`);

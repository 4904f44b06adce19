/** The controller's thread chores: waiting for a start, bounding a wait, terminating. */
import type { Worker } from 'node:worker_threads';

/** Resolves on the worker's 'ready' message; rejects if it errors or exits first. */
export function readyOf(w: Worker, g: number): Promise<void> {
  return new Promise((resolve, reject) => {
    w.on('message', (m: unknown) => {
      if ((m as { type?: string }).type === 'ready') resolve();
    });
    // Kept for the worker's whole life: an 'error' event without a listener would crash us.
    w.on('error', (e) => reject(new Error(`G${g}'s worker failed to start: ${e.message}`)));
    w.on('exit', (code) => reject(new Error(`G${g}'s worker exited with code ${code} before it was ready`)));
  });
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** terminate() resolves once the thread has stopped, whatever it was doing (even in Atomics.wait). */
export function terminateAll(workers: readonly Worker[]): Promise<number[]> {
  return Promise.all(workers.map((w) => w.terminate()));
}

/**
 * One participant of the mailbox test: works through a tree of tokens (each below the last
 * level has `fanout` children), handing tokens to hungry participants as often as it can, and
 * reports how many it worked through and how many postings it made.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Mailbox } from '../../../checker/explore/mailbox.js';

export interface TreeInput {
  mail: SharedArrayBuffer;
  /** Roots this participant starts with. */
  roots: number;
  levels: number;
  fanout: number;
  /** Bytes of padding in each token, so a posting takes a while to read. */
  pad: number;
  /** Time each token takes to work through (µs), so the others come hungry before the tree is done. */
  micros: number;
  /** Counts the participants ready: none starts before all are (a thread takes a while to load). */
  ready: SharedArrayBuffer;
  participants: number;
}

export interface TreeOutput {
  done: number;
  posted: number;
}

interface Token {
  level: number;
  pad: string;
}

const { mail, roots, levels, fanout, pad, micros, ready, participants } = workerData as TreeInput;
const arrived = new Int32Array(ready);
Atomics.add(arrived, 0, 1);
Atomics.notify(arrived, 0);
for (let n = Atomics.load(arrived, 0); n < participants; n = Atomics.load(arrived, 0)) Atomics.wait(arrived, 0, n, 100);
const box = new Mailbox(mail);
const padding = 'x'.repeat(pad);
const stack: Token[] = Array.from({ length: roots }, () => ({ level: 0, pad: padding }));
let done = 0;
let posted = 0;
try {
  for (;;) {
    const t = stack.pop();
    if (t === undefined) {
      const given = box.take() as Token[] | undefined;
      if (given === undefined) break;
      stack.push(...given);
      continue;
    }
    done++;
    for (const until = performance.now() + micros / 1000; performance.now() < until;);
    if (t.level + 1 < levels) for (let i = 0; i < fanout; i++) stack.push({ level: t.level + 1, pad: padding });
    if (stack.length >= 2 && box.wanted()) {
      const oldest = stack.splice(0, Math.min(8, stack.length - 1));
      if (box.post(oldest)) posted++;
      else stack.unshift(...oldest);
    }
  }
} finally {
  box.leave();
}
parentPort!.postMessage({ done, posted } satisfies TreeOutput);

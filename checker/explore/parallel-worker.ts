/** A worker thread of a parallel search: its share (parallel-share.ts), then what it alone found. */
import { parentPort, workerData } from 'node:worker_threads';
import { searchShare, type ShareInput } from './parallel-share.js';

parentPort!.postMessage(searchShare(workerData as ShareInput));

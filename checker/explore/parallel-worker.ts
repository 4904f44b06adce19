/**
 * A worker thread of parallel searches: for each search it is handed (parallel.ts keeps it for
 * the next one), its share (parallel-share.ts), then what it alone found.
 */
import { parentPort } from 'node:worker_threads';
import { searchShare, type ShareInput } from './parallel-share.js';

parentPort!.on('message', (input: ShareInput) => parentPort!.postMessage(searchShare(input)));

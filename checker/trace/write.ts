import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { serializeTrace } from './io.js';
import { traceFileBase } from './slug.js';
import type { TraceFile } from './types.js';

/**
 * The one place that writes trace artifacts: `<dir>/<base>.json` and `<dir>/<base>.mmd`.
 * I/O failures (disk full, no permission) are not expected errors of the checker, so they throw
 * and the CLI reports them.
 */
export function writeTraceFiles(dir: string, trace: TraceFile, mmd: string): { json: string; mmd: string } {
  makeDirectories(dir);
  const base = join(dir, traceFileBase(trace));
  const paths = { json: `${base}.json`, mmd: `${base}.mmd` };
  writeAtomically(paths.json, serializeTrace(trace));
  writeAtomically(paths.mmd, mmd);
  return paths;
}

/**
 * Creates `dir` and its missing parents, one at a time from the nearest existing ancestor. Not
 * `mkdirSync(dir, { recursive: true })`: on Node 20 that never returns when the parent refuses
 * new entries with ENOENT (any path under /proc: measured, it spins in the kernel), where this
 * throws the parent's error at once.
 */
export function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      // Made meanwhile by another writer (shards run side by side): fine if it is a directory.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(d).isDirectory()) throw e;
    }
  }
}

/**
 * Writes a sibling temp file, flushes it to disk, then renames it over the target: a reader or a
 * crash sees the old file or the whole new one, never half of one. The temp name is hidden and
 * carries the pid so concurrent writers (worker processes) do not share one.
 */
export function writeAtomically(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeFileSync(fd, text); // loops until every byte is written, unlike writeSync
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

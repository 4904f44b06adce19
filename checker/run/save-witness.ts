import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fsProblem, UsageError } from '../cli/errors.js';
import { renderMermaid } from '../trace/mermaid.js';
import { traceFileBase } from '../trace/slug.js';
import type { ExecutionView } from '../trace/types.js';
import { writeTraceFiles } from '../trace/write.js';

/**
 * Writes one witness (its trace and diagram) into `dir`, or only names the file under --no-write.
 * Nothing is ever deleted: each file name hashes the execution, so the only file replaced is the
 * same witness written by an earlier run, and stale witnesses of other runs stay where they are.
 * Returns the trace's path as the report shows it.
 */
export function saveWitness(dir: string, view: ExecutionView, write: boolean, cwd: string): string {
  const path = write ? writeOrExplain(dir, view) : join(dir, `${traceFileBase(view.trace)}.json`);
  return shownPath(path, cwd);
}

function writeOrExplain(dir: string, view: ExecutionView): string {
  // writeTraceFiles would fail on a file in the way too, but with a message about mkdir.
  if (!isDirectoryOrAbsent(dir)) throw new UsageError(`cannot write witness traces: ${dir} exists and is not a directory (choose another --traces)`);
  try {
    return writeTraceFiles(dir, view.trace, renderMermaid(view)).json;
  } catch (e) {
    // A user's environment (permissions, a read-only disk, a file in the way, a parent that takes
    // no new entries such as /proc): the shared table knows its words. Anything else is our bug.
    const problem = fsProblem((e as NodeJS.ErrnoException).code, 'write');
    if (problem !== undefined) throw new UsageError(`cannot write witness traces under ${dir}: ${problem}; choose another --traces or pass --no-write`);
    throw e;
  }
}

function isDirectoryOrAbsent(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return true; // absent (or unreadable, which writing will report)
  }
}

/**
 * Relative to the working directory, as the report promises; a directory outside it (say
 * --traces /tmp/x) stays absolute, since '../../tmp/x/...' would only be harder to read.
 */
function shownPath(path: string, cwd: string): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  return rel.split(sep)[0] === '..' || isAbsolute(rel) ? abs : rel;
}

/**
 * How the CLI ends: the exit codes, and the rule that whatever goes wrong, the user sees ONE line
 * on stderr (STYLE.md lesson 9). A user's mistake says what to do; anything else is our bug and
 * says so, with the stack only when asked for (GOMAPCHECK_DEBUG=1).
 */

/** Exit codes. 1 is left to the caller (e.g. "a contract is broken"); 2 and 3 are fixed here. */
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

const PREFIX = 'gomapcheck: ';

/** A mistake in how the CLI was called (bad flag, unreadable replay file, ...): exit 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Why a file the user named could not be read, in words ("no such file"), not an errno code:
 * the replay, the merge and the conformance run name the file and then say this. A code the
 * table below does not know keeps the error's own message, on one line.
 */
export function readProblem(e: unknown): string {
  return fsProblem((e as NodeJS.ErrnoException).code, 'read') ?? (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
}

/**
 * The file system's answers that are the user's environment (a path, permissions, a full or
 * read-only disk), not our bug, in words. The one list: reading a named file, writing the HTML
 * report and writing witness traces all word them from here, so one code reads the same in each.
 */
const FS_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  // A rename onto a non-empty directory.
  ENOTEMPTY: 'it is a directory',
  // A directory's name taken by something else (or, renaming, a directory in the way).
  EEXIST: 'a file or directory is in the way',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'no space left on the device',
};

/**
 * `code` in words, or undefined when it is not a problem of the user's environment we know (then
 * the caller treats it as ours). ENOENT depends on the attempt: a read misses the file itself, a
 * write (which names a file to create) misses its directory.
 */
export function fsProblem(code: string | undefined, mode: 'read' | 'write'): string | undefined {
  if (code === 'ENOENT') return mode === 'read' ? 'no such file' : 'no such directory (create it first)';
  // Own-property check: 'constructor' and friends are not error codes.
  return code !== undefined && Object.hasOwn(FS_PROBLEMS, code) ? FS_PROBLEMS[code] : undefined;
}

/** The message as one 'gomapcheck: ...' line: newlines folded, prefix added unless present. */
export function errorLine(message: string): string {
  const flat = message.replace(/\s*\n\s*/g, ' ').trim();
  return flat.startsWith(PREFIX) ? flat : PREFIX + flat;
}

/** Writes exactly one line to stderr and exits; for failures before any output was started. */
export function exitWithError(message: string, code: number): never {
  process.stderr.write(errorLine(message) + '\n');
  process.exit(code);
}

/** The process seen by runMain, injectable so tests need not exit. */
export interface MainIo {
  stderr: { write(text: string): unknown };
  exit(code: number): void;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs the CLI body and exits with the code it returns. A UsageError becomes its message and
 * exit 2; any other throw becomes 'gomapcheck: internal error: <message>' and exit 3.
 */
export async function runMain(fn: () => Promise<number>, io: MainIo = processIo()): Promise<void> {
  let code: number;
  try {
    code = await fn();
  } catch (e) {
    code = reportThrown(e, io);
  }
  io.exit(code);
}

function reportThrown(e: unknown, io: MainIo): number {
  if (e instanceof UsageError) {
    io.stderr.write(errorLine(e.message) + '\n');
    return e.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr.write(errorLine(`internal error: ${message}`) + '\n');
  if (io.env['GOMAPCHECK_DEBUG'] === '1' && e instanceof Error && e.stack !== undefined) {
    io.stderr.write(e.stack + '\n');
  }
  return EXIT_INTERNAL;
}

function processIo(): MainIo {
  // `gomapcheck --json | head -1` closes stdout early; that is the reader's choice, not a
  // crash, so end quietly instead of dying on an unhandled 'error' event with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  return {
    stderr: process.stderr,
    // Exit only once stdout has drained: on some platforms pipe writes are asynchronous and
    // process.exit() would cut a large --json report short.
    exit: (code) => {
      process.stdout.write('', () => process.exit(code));
    },
    env: process.env,
  };
}

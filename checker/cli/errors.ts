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
 * the replay, the merge and the conformance run name the file and then say this.
 */
export function readProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
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

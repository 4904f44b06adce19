import { describe, expect, it } from 'vitest';
import { errorLine, readProblem, runMain, UsageError, type MainIo } from '../../../checker/cli/errors.js';

/** A process stand-in that records what runMain wrote and the code it exited with. */
function fakeIo(env: Record<string, string> = {}) {
  const io = {
    written: '',
    code: undefined as number | undefined,
    stderr: { write: (text: string) => (io.written += text) },
    exit: (code: number) => {
      io.code = code;
    },
    env,
  };
  return io satisfies MainIo;
}

describe('runMain', () => {
  it('exits with the code the body returns and prints nothing', async () => {
    const io = fakeIo();
    await runMain(async () => 1, io);
    expect(io).toMatchObject({ code: 1, written: '' });
  });

  it('turns a UsageError into its one line and exit 2', async () => {
    const io = fakeIo();
    await runMain(async () => {
      throw new UsageError('cannot read replay file "x.json": no such file');
    }, io);
    expect(io.code).toBe(2);
    expect(io.written).toBe('gomapcheck: cannot read replay file "x.json": no such file\n');
  });

  it('turns anything else into one "internal error" line and exit 3, without a stack', async () => {
    const io = fakeIo();
    await runMain(async () => {
      throw new Error('the spec is not deterministic here\nsecond line');
    }, io);
    expect(io.code).toBe(3);
    expect(io.written).toBe('gomapcheck: internal error: the spec is not deterministic here second line\n');
  });

  it('reports thrown non-Errors too', async () => {
    const io = fakeIo();
    await runMain(() => Promise.reject('boom'), io);
    expect(io).toMatchObject({ code: 3, written: 'gomapcheck: internal error: boom\n' });
  });

  it('adds the stack under GOMAPCHECK_DEBUG=1', async () => {
    const io = fakeIo({ GOMAPCHECK_DEBUG: '1' });
    await runMain(async () => {
      throw new Error('oops');
    }, io);
    const [first, ...rest] = io.written.trimEnd().split('\n');
    expect(first).toBe('gomapcheck: internal error: oops');
    expect(rest.join('\n')).toContain('Error: oops');
  });
});

describe('errorLine', () => {
  it('prefixes once and folds newlines', () => {
    expect(errorLine('bad')).toBe('gomapcheck: bad');
    expect(errorLine('gomapcheck: bad')).toBe('gomapcheck: bad');
    expect(errorLine('a\n  b\n')).toBe('gomapcheck: a b');
  });
});

describe('UsageError', () => {
  it('carries exit code 2', () => {
    expect(new UsageError('x').exitCode).toBe(2);
    expect(new UsageError('x')).toBeInstanceOf(Error);
  });
});

describe('readProblem', () => {
  it('says in words why a named file could not be read, and keeps other errors on one line', () => {
    const failure = (code: string, message = code): NodeJS.ErrnoException => Object.assign(new Error(message), { code });
    expect(readProblem(failure('ENOENT'))).toBe('no such file');
    expect(readProblem(failure('EISDIR'))).toBe('it is a directory');
    expect(readProblem(failure('EACCES'))).toBe('permission denied');
    expect(readProblem(failure('EIO', 'i/o error,\n  read'))).toBe('i/o error, read');
  });
});

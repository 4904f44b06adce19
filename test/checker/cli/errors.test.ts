import { describe, expect, it } from 'vitest';
import { errorLine, fsProblem, readProblem, runMain, UsageError, type MainIo } from '../../../checker/cli/errors.js';

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

describe('fsProblem', () => {
  it('words a missing path by what was attempted: the file for a read, its directory for a write', () => {
    expect(fsProblem('ENOENT', 'read')).toBe('no such file');
    expect(fsProblem('ENOENT', 'write')).toBe('no such directory (create it first)');
  });

  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EISDIR', 'it is a directory'],
    ['ENOTEMPTY', 'it is a directory'],
    ['EEXIST', 'a file or directory is in the way'],
    ['ENOTDIR', 'a part of the path is not a directory'],
    ['EROFS', 'read-only file system'],
    ['ENOSPC', 'no space left on the device'],
    ['EDQUOT', 'no space left on the device'],
  ])('words %s the same for a read and a write', (code, words) => {
    expect(fsProblem(code, 'read')).toBe(words);
    expect(fsProblem(code, 'write')).toBe(words);
  });

  it('knows no other code, so the caller can treat it as its own bug', () => {
    for (const code of ['EIO', 'EMFILE', 'ELOOP', 'constructor', 'toString', '']) {
      expect(fsProblem(code, 'read')).toBeUndefined();
      expect(fsProblem(code, 'write')).toBeUndefined();
    }
    expect(fsProblem(undefined, 'write')).toBeUndefined();
  });

  it('is what readProblem says for the codes it knows', () => {
    const failure = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: raw message`), { code });
    expect(readProblem(failure('ENOTDIR'))).toBe('a part of the path is not a directory');
    expect(readProblem(failure('EPERM'))).toBe('permission denied');
  });
});

import { describe, expect, it } from 'vitest';
import { comparePair, goClass, HANG } from '../../../checker/vsgo/compare.js';

describe('goClass', () => {
  it('reads Go 1.19 crash lines as the spec names its classes', () => {
    expect(goClass('fatal error: concurrent map writes')).toBe('fatal: concurrent map writes');
    expect(goClass('fatal error: concurrent map read and map write')).toBe('fatal: concurrent map read and map write');
    expect(goClass('fatal error: concurrent map iteration and map write')).toBe('fatal: concurrent map iteration and map write');
    // fatal() and throw() print the same prefix; only the three misuse texts are fatal()'s.
    expect(goClass('fatal error: bad map state')).toBe('throw: bad map state');
    expect(goClass('panic: runtime error: invalid memory address or nil pointer dereference')).toBe('panic: runtime error: invalid memory address or nil pointer dereference');
    expect(goClass('panic: boom [recovered]')).toBe('panic: boom');
    // The harness's own line for a map left broken with no crash.
    expect(goClass('silent: corrupt: count equals live keys (len 2, range yields 1 keys), trial 154')).toBe('corrupt: count equals live keys');
    expect(goClass('silent: nonlinearizable (results "" and "0,true", then "0:1"), trial 13')).toBe('nonlinearizable');
    expect(goClass('silent: corrupt: every key reachable from its bucket (range yields key 0, a lookup misses it), trial 3')).toBe('corrupt: every key reachable from its bucket');
  });

  it('is undefined for the lines around a crash', () => {
    for (const line of ['', 'goroutine 18 [running]:', 'runtime.throw({0x4a5c1e?, 0x0?})', '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x40a8f2]', 'survived 3 trials (0)']) {
      expect(goClass(line)).toBeUndefined();
    }
  });
});

describe('comparePair', () => {
  const seen = (...entries: Array<[string, number]>) => new Map(entries);

  it('agrees when Go printed only fatal errors the spec reaches, or ran out its time', () => {
    expect(comparePair(['fatal: concurrent map writes', 'ok'], seen(['fatal: concurrent map writes', 2], ['ok', 1]))).toEqual({ agrees: true, remarks: [] });
    expect(comparePair(['ok'], seen(['ok', 3]))).toEqual({ agrees: true, remarks: [] });
  });

  it('differs on a fatal error the spec does not reach for the pair', () => {
    const v = comparePair(['fatal: concurrent map writes', 'ok'], seen(['fatal: concurrent map read and map write', 1]));
    expect(v.agrees).toBe(false);
    expect(v.remarks).toEqual(['Go: fatal: concurrent map read and map write, which the spec never reaches for this pair']);
  });

  it('differs on any crash, hang or broken invariant the spec does not reach for the pair', () => {
    expect(comparePair(['ok'], seen(['throw: bad map state', 1])).agrees).toBe(false);
    expect(comparePair(['nonlinearizable', 'ok'], seen([HANG, 1])).agrees).toBe(false);
    expect(comparePair(['fatal: concurrent map writes', 'ok'], seen(['throw: bad map state', 1])).agrees).toBe(false);
    expect(comparePair(['fatal: concurrent map writes', 'ok'], seen(['corrupt: count equals live keys', 1])).agrees).toBe(false);
  });

  it('accepts results no order explains where the spec reaches them, or breaks an invariant first', () => {
    expect(comparePair(['nonlinearizable', 'ok'], seen(['nonlinearizable', 1]))).toEqual({ agrees: true, remarks: [] });
    expect(comparePair(['corrupt: count equals live keys', 'ok'], seen(['nonlinearizable', 1])).agrees).toBe(true);
    expect(comparePair(['fatal: concurrent map writes', 'ok'], seen(['nonlinearizable', 1])).agrees).toBe(false);
  });

  it('accepts a broken invariant the spec reaches, and tells one it names differently', () => {
    expect(comparePair(['corrupt: count equals live keys', 'ok'], seen(['corrupt: count equals live keys', 2]))).toEqual({ agrees: true, remarks: [] });
    const v = comparePair(['corrupt: no key twice', 'ok'], seen(['corrupt: count equals live keys', 1]));
    expect(v).toEqual({ agrees: true, remarks: ['Go: corrupt: count equals live keys, where the spec breaks no key twice first'] });
  });
});

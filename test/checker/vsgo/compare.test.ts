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

  it('differs on any crash or hang where the spec reaches no crash at all', () => {
    expect(comparePair(['ok'], seen(['throw: bad map state', 1])).agrees).toBe(false);
    expect(comparePair(['nonlinearizable', 'ok'], seen([HANG, 1])).agrees).toBe(false);
  });

  it('tells, without holding it against the spec, a later throw, panic or hang where the spec reaches crashes too', () => {
    const v = comparePair(['fatal: concurrent map writes', 'ok'], seen(['throw: bad map state', 1], [HANG, 1]));
    expect(v.agrees).toBe(true);
    expect(v.remarks).toHaveLength(2);
  });
});

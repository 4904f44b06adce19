/**
 * One goroutine calling lock methods: for any sequence the spec can run without blocking, the
 * implementation's hook sees the spec's steps, method by method, the words end as the spec's
 * state, and a misuse stops with the spec's crash. Sequences are random; a method the spec would
 * block on (it would deadlock a single goroutine) is left out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GoCrash } from '../../../impl/hmap/errors.js';
import { LockWaitTimeout, MUTEX_WORDS, RWMUTEX_WORDS, SharedMutex, SharedRWMutex } from '../../../impl/sync/index.js';
import { beginSync, MUTEX, RWMUTEX, runSync, syncLabel, syncReady, type SyncStepResult } from '../../../spec/sync/index.js';
import type { Mutex } from '../../../spec/sync/mutex.js';
import type { RWMutex } from '../../../spec/sync/rwmutex.js';
import type { LockType, SyncCall } from '../../../spec/sync/types.js';
import type { Crash } from '../../../spec/types.js';

/** One method through the spec: its step labels, or null if it blocks before returning. */
function specMethod<L>(t: LockType<L>, lock: L, method: string): { lock: L; labels: string[]; crash?: Crash } | null {
  let call: SyncCall | null = beginSync(t, method);
  const labels: string[] = [];
  while (call) {
    if (!syncReady(t, lock, call)) return null;
    const step: SyncStepResult<L> = runSync(t, lock, call);
    labels.push(syncLabel(step.point));
    lock = step.lock;
    if (step.crash) return { lock, labels, crash: step.crash };
    call = step.call;
  }
  return { lock, labels };
}

interface Subject<L> {
  spec: LockType<L>;
  words: number;
  make(i32: Int32Array, hook: (label: string) => void): Record<string, () => void>;
  /** The implementation's words as the spec's state (only the fields the spec keeps). */
  state(i32: Int32Array): L;
  /** Words the spec does not keep, which a single goroutine must leave at 0. */
  extra(i32: Int32Array): number[];
}

const MUTEX_SUBJECT: Subject<Mutex> = {
  spec: MUTEX,
  words: MUTEX_WORDS,
  make: (i32, hook) => {
    const m = new SharedMutex(i32, 0, hook, 200);
    return { Lock: () => m.lock(), Unlock: () => m.unlock() };
  },
  state: (i32) => ({ state: i32[0]! }),
  extra: (i32) => [i32[1]!],
};

const RWMUTEX_SUBJECT: Subject<RWMutex> = {
  spec: RWMUTEX,
  words: RWMUTEX_WORDS,
  make: (i32, hook) => {
    const rw = new SharedRWMutex(i32, 0, hook, 200);
    return { Lock: () => rw.lock(), Unlock: () => rw.unlock(), RLock: () => rw.rlock(), RUnlock: () => rw.runlock() };
  },
  state: (i32) => ({ w: { state: i32[0]! }, writerSem: i32[2]!, readerSem: i32[3]!, readerCount: i32[4]!, readerWait: i32[5]! }),
  extra: (i32) => [i32[1]!],
};

function describeLock<L>(name: string, s: Subject<L>): void {
  const methods = Object.keys(s.spec.methods);

  describe(`${name} on one goroutine`, () => {
    it('takes the spec steps of every method, ends in its state, and crashes where it does', () => {
      fc.assert(fc.property(fc.array(fc.constantFrom(...methods), { maxLength: 30 }), (program) => {
        const i32 = new Int32Array(new SharedArrayBuffer(4 * s.words));
        let seen: string[] = [];
        const impl = s.make(i32, (label) => seen.push(label));
        let lock = s.spec.zero;
        for (const [i, method] of program.entries()) {
          const want = specMethod(s.spec, lock, method);
          if (!want) continue;
          seen = [];
          let thrown: unknown;
          try {
            impl[method]!();
          } catch (e) {
            thrown = e;
          }
          expect(seen, `${method} (#${i})`).toEqual(want.labels);
          if (want.crash) expect(thrown).toMatchObject({ goKind: want.crash.kind, message: want.crash.message });
          if (want.crash) expect(thrown).toBeInstanceOf(GoCrash);
          else expect(thrown).toBeUndefined();
          lock = want.lock;
          expect(s.state(i32)).toEqual(lock);
          expect(s.extra(i32).every((w) => w === 0)).toBe(true);
          if (want.crash) break;
        }
      }), { numRuns: 300 });
    });

    it('gives up a wait that nothing ends, with a clear error instead of hanging', () => {
      const impl = s.make(new Int32Array(new SharedArrayBuffer(4 * s.words)), () => {});
      impl['Lock']!();
      const started = Date.now();
      expect(() => impl['Lock']!()).toThrow(LockWaitTimeout);
      expect(() => impl['Lock']!()).toThrow(/still waiting after 200 ms/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    });
  });
}

describeLock('sync.Mutex', MUTEX_SUBJECT);
describeLock('sync.RWMutex', RWMUTEX_SUBJECT);


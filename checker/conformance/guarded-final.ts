import type { GuardedImage } from '../../impl/guarded/base.js';
import type { MutexImage } from '../../impl/sync/mutex.js';
import type { RWMutexImage } from '../../impl/sync/rwmutex.js';
import type { GuardedState } from '../../spec/guarded/state.js';
import type { Mutex } from '../../spec/sync/mutex.js';
import { type RWMutex, RWMUTEX_MAX_READERS } from '../../spec/sync/rwmutex.js';
import { finalDifference } from './final.js';
import { imageToHmap } from './image.js';
import type { FinalPart } from './verdict.js';

/** A guarded map's lock as the spec has it: sync.Mutex (mutex-map) or sync.RWMutex (the others). */
export type GuardLock = Mutex | RWMutex;

/** How the texts name shard i's lock and map, as the spec names them ('mu', 'rw', 's1:rw'; '', 's1:'). */
export interface GuardedNames {
  lock(shard: number): string;
  map(shard: number): string;
}

type Difference = { part: FinalPart; expected: string; actual: string };

/** Counts near -rwmutexMaxReaders as the spec's details print them ('-max+1'), so a writer's count reads. */
function count(n: number): string {
  return n < -RWMUTEX_MAX_READERS / 2 ? `-max+${n + RWMUTEX_MAX_READERS}` : `${n}`;
}

function rwText(rw: RWMutex): string {
  return `w.state=${rw.w.state} writerSem=${rw.writerSem} readerSem=${rw.readerSem} readerCount=${count(rw.readerCount)} readerWait=${rw.readerWait}`;
}

/** The spec's lock words as text. */
export function specLockText(lock: GuardLock): string {
  return 'w' in lock ? rwText(lock) : `state=${lock.state}`;
}

/**
 * The implementation's lock words in the spec's terms. Its mutexes also have a semaphore word
 * (and waiter bits in state) that the spec leaves out: under control nobody ever queues on them
 * (a blocked goroutine waits at its scheduling point, before lockSlow counts itself a waiter), so
 * they must be 0; a non-zero sema is shown, so that it differs from the spec's text.
 */
export function implLockText(img: MutexImage | RWMutexImage): string {
  const sema = (m: MutexImage, name: string): string => (m.sema === 0 ? '' : ` ${name}=${m.sema}`);
  if ('w' in img) return `${rwText(img)}${sema(img.w, 'w.sema')}`;
  return `state=${img.state}${sema(img, 'sema')}`;
}

/** The first lock whose words differ from the spec's, named as the spec names it. */
export function lockDifference(spec: GuardedState<GuardLock>, impl: GuardedImage, names: GuardedNames): Difference | undefined {
  sameShards(spec, impl);
  for (const [i, lock] of spec.locks.entries()) {
    const expected = specLockText(lock);
    const actual = implLockText(impl.locks[i]!);
    if (expected !== actual) return { part: 'lock', expected: `${names.lock(i)} ${expected}`, actual: `${names.lock(i)} ${actual}` };
  }
  return undefined;
}

/**
 * The first part of a guarded map that differs from the spec's state: each shard's map in
 * final.ts's order (B, count, flags, contents, memory: both run the same hmap code on the same
 * schedule, so even bucket ids agree), then each shard's lock words.
 */
export function guardedDifference(spec: GuardedState<GuardLock>, impl: GuardedImage, names: GuardedNames): Difference | undefined {
  sameShards(spec, impl);
  for (const [i, m] of spec.maps.entries()) {
    const diff = finalDifference(m.h, imageToHmap(impl.maps[i]!));
    const name = names.map(i);
    if (diff) return name === '' ? diff : { part: diff.part, expected: `${name} ${diff.expected}`, actual: `${name} ${diff.actual}` };
  }
  return lockDifference(spec, impl, names);
}

/** Both sides were made with the run's shard count: anything else is a bug of the harness, not a finding. */
function sameShards(spec: GuardedState<GuardLock>, impl: GuardedImage): void {
  if (spec.maps.length !== impl.maps.length || spec.locks.length !== impl.locks.length) {
    throw new Error(`the spec has ${spec.maps.length} shard(s), the implementation ${impl.maps.length}: they were made for different runs`);
  }
}

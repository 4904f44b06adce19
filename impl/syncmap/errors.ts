import { ArenaFullError } from '../hmap/errors.js';

/**
 * The sync.Map's arena has no room left. A subclass of the plain map's ArenaFullError, so a
 * harness that tells "out of memory" from a Go crash recognises both maps' with one instanceof.
 */
export class SyncArenaFullError extends ArenaFullError {
  constructor(asked: number, what: string, inUse: number, capacity: number) {
    super(asked, inUse, capacity);
    this.message = `arena full: cannot allocate ${asked} word(s) for ${what}, ${inUse} of ${capacity} already in use (create the map with a larger arenaWords)`;
  }
}

/**
 * mu stayed locked longer than the map's lock timeout. Go would wait for ever; here a holder
 * that died or hangs (a crashed worker, a stopped controller) must not hang the waiter too.
 */
export class LockTimeoutError extends Error {
  constructor(label: string, waitedMs: number) {
    super(`sync.Map mu still locked after ${waitedMs} ms at "${label}": its holder died, hangs, or is paused`);
    this.name = 'LockTimeoutError';
  }
}

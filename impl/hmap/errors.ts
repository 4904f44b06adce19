/**
 * How the implementation stops when Go would stop the program. Each error's message is Go's text
 * verbatim, and `goKind` says which of Go's mechanisms it stands for, so a harness can compare it
 * with the spec's crash without parsing messages.
 */
export type GoCrashKind = 'fatal' | 'throw' | 'panic' | 'wild';

export class GoCrash extends Error {
  constructor(readonly goKind: GoCrashKind, message: string) {
    super(message);
    this.name = `Go${goKind[0]!.toUpperCase()}${goKind.slice(1)}`;
  }
}

/** fatal(): an unrecoverable misuse Go detected ('concurrent map writes', ...). */
export const goFatal = (message: string): GoCrash => new GoCrash('fatal', message);
/** throw(): a runtime consistency check ('bad map state', ...). */
export const goThrow = (message: string): GoCrash => new GoCrash('throw', message);
/** A runtime panic, e.g. a nil bucket pointer dereferenced. */
export const goPanic = (message: string): GoCrash => new GoCrash('panic', message);
/** A bucket access outside every allocation (see WILD_ACCESS). */
export const wildAccess = (message: string): GoCrash => new GoCrash('wild', message);

/** Not Go's either: the SharedArrayBuffer has no room left for the buckets asked for. */
export class ArenaFullError extends Error {
  constructor(asked: number, inUse: number, capacity: number) {
    super(`arena full: cannot allocate ${asked} bucket(s), ${inUse} of ${capacity} already in use (create the map with a larger arenaBuckets)`);
    this.name = 'ArenaFullError';
  }
}

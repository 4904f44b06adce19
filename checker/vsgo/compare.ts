/**
 * What real Go printed, as the spec's outcome classes, and whether the two agree. Pure: the Go
 * runs are checker/vsgo/go.ts's.
 */
import { FATAL_ITER_WRITE, FATAL_READ_WRITE, FATAL_WRITES } from '../../spec/hmap/constants.js';

/** The texts Go 1.19's map code stops a program with through fatal() rather than throw(). */
const FATAL_TEXTS = new Set([FATAL_WRITES, FATAL_READ_WRITE, FATAL_ITER_WRITE]);

/** A run that did not end within its time limit: a corrupted map can loop for ever. */
export const HANG = 'hang';

/**
 * The outcome class of the first line Go printed when it stopped the program, or undefined when
 * the line is not a crash. Go prints "fatal error: " for fatal() and throw() alike; the three
 * misuse texts are fatal()'s, every other text is a throw.
 */
export function goClass(line: string): string | undefined {
  const fatal = /^fatal error: (.+)$/.exec(line);
  if (fatal) return `${FATAL_TEXTS.has(fatal[1]!) ? 'fatal' : 'throw'}: ${fatal[1]}`;
  const panic = /^panic: (.+?)(?: \[recovered\])?$/.exec(line);
  return panic ? `panic: ${panic[1]}` : undefined;
}

function isCrash(outcome: string): boolean {
  return /^(fatal|throw|panic): /.test(outcome) || outcome === HANG;
}

export interface PairVerdict {
  /** False when Go did what the spec says it cannot. */
  agrees: boolean;
  /** Why not, or what Go showed beyond the spec's one-operation pair (empty when nothing). */
  remarks: string[];
}

/**
 * Go and the spec agree on a pair when every fatal error Go printed is one the spec reaches for
 * it, and Go stopped the program at all only where the spec reaches some crash. Go's goroutines
 * loop their operation a thousand times where the spec runs each once, so a throw, a panic or a
 * hang of Go's where the spec reaches fatal errors too is told, not held against it: a map broken
 * by the first racy pair can fail later in ways one pair does not reach.
 */
export function comparePair(model: readonly string[], seen: ReadonlyMap<string, number>): PairVerdict {
  const modelCrashes = model.filter(isCrash);
  const remarks: string[] = [];
  let agrees = true;
  for (const outcome of seen.keys()) {
    if (!isCrash(outcome) || model.includes(outcome)) continue;
    if (modelCrashes.length === 0 || outcome.startsWith('fatal: ')) {
      agrees = false;
      remarks.push(`Go: ${outcome}, which the spec never reaches for this pair`);
    } else {
      remarks.push(`Go also: ${outcome} (after a thousand operations each; the spec runs one)`);
    }
  }
  return { agrees, remarks };
}

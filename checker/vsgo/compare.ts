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
 * The outcome class of a line the Go harness printed when it stopped, or undefined when the line
 * is not one. Go prints "fatal error: " for fatal() and throw() alike; the three misuse texts
 * are fatal()'s, every other text is a throw. "silent: corrupt: <invariant> (...)" is the
 * harness's own: a map left broken with no crash.
 */
export function goClass(line: string): string | undefined {
  const silent = /^silent: (corrupt: [^(]+?) \(/.exec(line);
  if (silent) return silent[1];
  const fatal = /^fatal error: (.+)$/.exec(line);
  if (fatal) return `${FATAL_TEXTS.has(fatal[1]!) ? 'fatal' : 'throw'}: ${fatal[1]}`;
  const panic = /^panic: (.+?)(?: \[recovered\])?$/.exec(line);
  return panic ? `panic: ${panic[1]}` : undefined;
}

function isCrash(outcome: string): boolean {
  return /^(fatal|throw|panic): /.test(outcome) || outcome === HANG;
}

function isCorrupt(outcome: string): boolean {
  return outcome.startsWith('corrupt: ');
}

export interface PairVerdict {
  /** False when Go did what the spec says it cannot. */
  agrees: boolean;
  /** Why not, or what Go showed beyond the spec's one-operation pair (empty when nothing). */
  remarks: string[];
}

/**
 * Go and the spec agree on a pair when every outcome Go showed is one the spec reaches for it:
 * each fatal error, throw, panic or hang, and each silently broken invariant. Both run one
 * operation per goroutine from the same map, so nothing else is excused but this: the harness
 * can look at a broken map only once both operations are done, and names the first of its
 * checks that fails, where the spec names the first invariant to break during the execution;
 * so a silently broken invariant of Go's is accepted, and told, where the spec reaches another.
 */
export function comparePair(model: readonly string[], seen: ReadonlyMap<string, number>): PairVerdict {
  const remarks: string[] = [];
  let agrees = true;
  for (const outcome of seen.keys()) {
    if (!(isCrash(outcome) || isCorrupt(outcome)) || model.includes(outcome)) continue;
    if (isCorrupt(outcome) && model.some(isCorrupt)) {
      remarks.push(`Go: ${outcome}, where the spec breaks ${model.filter(isCorrupt).map((c) => c.slice('corrupt: '.length)).join(' or ')} first`);
    } else {
      agrees = false;
      remarks.push(`Go: ${outcome}, which the spec never reaches for this pair`);
    }
  }
  return { agrees, remarks };
}

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
 * are fatal()'s, every other text is a throw. "silent: corrupt: <invariant> (...)" and
 * "silent: nonlinearizable (...)" are the harness's own: a map left broken, or results no order
 * of the two operations explains, with no crash.
 */
export function goClass(line: string): string | undefined {
  const silent = /^silent: (nonlinearizable|corrupt: [^(]+?) \(/.exec(line);
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

/** Wrong with no crash: a broken invariant, or results no order explains. */
function isSilent(outcome: string): boolean {
  return isCorrupt(outcome) || outcome === 'nonlinearizable';
}

export interface PairVerdict {
  /** False when Go did what the spec says it cannot. */
  agrees: boolean;
  /** Why not, or what Go showed beyond the spec's one-operation pair (empty when nothing). */
  remarks: string[];
}

/**
 * Go and the spec agree on a pair when every outcome Go showed is one the spec reaches for it:
 * each fatal error, throw, panic or hang, each silently broken invariant and results no order
 * explains. Both run one operation per goroutine from the same map, so nothing else is excused
 * but this: the harness can look at the map only once both operations are done, where the spec
 * names the first invariant to break during the execution (and calls an execution that broke
 * one corrupt before it asks whether its results are explained). So a silent outcome of Go's
 * that the spec does not name is accepted, and told, where the spec reaches a broken invariant.
 */
export function comparePair(model: readonly string[], seen: ReadonlyMap<string, number>): PairVerdict {
  const remarks: string[] = [];
  let agrees = true;
  for (const outcome of seen.keys()) {
    if (!(isCrash(outcome) || isSilent(outcome)) || model.includes(outcome)) continue;
    if (isSilent(outcome) && model.some(isCorrupt)) {
      remarks.push(`Go: ${outcome}, where the spec breaks ${model.filter(isCorrupt).map((c) => c.slice('corrupt: '.length)).join(' or ')} first`);
    } else {
      agrees = false;
      remarks.push(`Go: ${outcome}, which the spec never reaches for this pair`);
    }
  }
  return { agrees, remarks };
}

/**
 * Context bounds (as CHESS and Loom have them), graded by the length of an execution: at most
 * `preemptions` preemptions (switches away from a goroutine in the middle of an operation that
 * could have gone on), except that executions of at most `tier.ops` operations may take
 * `tier.preemptions` (any number, when absent). An execution is within the bound when it is
 * within one of its grades. hmap's automatic bound (checker/run/auto-bound.ts) lets short
 * executions through in full or nearly, where the racy interleavings that corrupt a map silently
 * need many switches, and bounds the long ones tightly.
 */
import { plural } from '../report/numbers.js';

/** A grade for the shorter executions: those of at most `ops` operations take at most `preemptions` (any number when absent). */
export interface BoundTier {
  readonly ops: number;
  readonly preemptions?: number;
}

/** A context bound's fields, as bounds, options, reports and traces carry them. */
export interface ContextBound {
  /** The bound on every execution (on those no tier lets through, when there are tiers). Undefined: no bound. */
  preemptions?: number;
  /** Grades for shorter executions, by ops ascending; only with `preemptions`. */
  tiers?: readonly BoundTier[];
}

/** The context bound of these bounds (or options, or a report), its fields only where set. */
export function contextBound(b: { preemptions?: number | undefined; tiers?: readonly BoundTier[] | undefined }): ContextBound {
  if (b.preemptions === undefined) return {};
  return { preemptions: b.preemptions, ...(b.tiers === undefined || b.tiers.length === 0 ? {} : { tiers: b.tiers }) };
}

/**
 * Whether an execution that has started `ops` operations and taken `preempted` preemptions is
 * within the bound. Both only grow along an execution, and a grade that admits them admits any
 * fewer, so an execution is within the bound exactly when every prefix is: the search can refuse
 * a move as soon as the execution would leave it. For the same reason a state first met with
 * fewer operations started allows every future a later visit allows, so the visited set's
 * operation budget stays sound.
 */
export function withinBound(b: ContextBound & { preemptions: number }, ops: number, preempted: number): boolean {
  if (preempted <= b.preemptions) return true;
  for (const t of b.tiers ?? []) if (ops <= t.ops && (t.preemptions === undefined || preempted <= t.preemptions)) return true;
  return false;
}

/**
 * The highest preemption count the search needs to tell apart: one over the largest finite limit
 * of the bound. Every count above it allows the same moves (only an in-full tier admits them),
 * so the search counts no higher and states do not multiply by it.
 */
export function preemptionCap(b: ContextBound & { preemptions: number }): number {
  let most = b.preemptions;
  for (const t of b.tiers ?? []) if (t.preemptions !== undefined && t.preemptions > most) most = t.preemptions;
  return most + 1;
}

/**
 * What is wrong with these tiers at this depth and under this bound, in one line, or undefined:
 * each grade must reach fewer operations than the depth, and each must admit more than the ones
 * after it (more operations, fewer preemptions; in full only first), or it would say nothing.
 */
export function tiersProblem(tiers: readonly BoundTier[], depth: number, preemptions: number): string | undefined {
  let previous: BoundTier | undefined;
  for (const t of tiers) {
    if (t.ops >= depth) {
      const instead = t.preemptions === undefined ? 'every execution in full is the search without --preemptions' : `give --preemptions ${t.preemptions} instead`;
      return `a tier of ${t.ops} operations reaches --depth ${depth}: ${instead}`;
    }
    if (previous && t.ops <= previous.ops) return `tiers go by operations ascending (${previous.ops} then ${t.ops})`;
    if (t.preemptions !== undefined && t.preemptions <= preemptions) return `a tier of ${t.ops} operations with ${t.preemptions} preemptions adds nothing to --preemptions ${preemptions}`;
    if (previous && t.preemptions === undefined) return `only the first tier may be in full (${t.ops} operations in full after ${previous.ops})`;
    if (previous?.preemptions !== undefined && t.preemptions !== undefined && t.preemptions >= previous.preemptions) {
      return `a tier of ${t.ops} operations with ${t.preemptions} preemptions takes in the one of ${previous.ops} with ${previous.preemptions}`;
    }
    previous = t;
  }
  return undefined;
}

/**
 * The bound `--preemptions` and `--tiers` give at this depth (the tiers' text as typed), or
 * what is wrong with them in one line (the check's parser, which the bench's cases go through too).
 */
export function boundFromFlags(preemptions: number | undefined, tiers: string | undefined, depth: number): ContextBound | string {
  if (tiers === undefined) return contextBound({ preemptions });
  if (preemptions === undefined) return '--tiers widens a context bound for shorter executions: give --preemptions too';
  const parsed = parseTiers(tiers);
  if (typeof parsed === 'string') return parsed;
  const problem = tiersProblem(parsed, depth, preemptions);
  return problem === undefined ? contextBound({ preemptions, tiers: parsed }) : `--tiers: ${problem}`;
}

/** A bound's tiers with their fields in a fixed order (ops, then preemptions where the tier has a limit), for the JSON formats. */
export function tierFields(tiers: readonly BoundTier[]): Array<Array<[string, number]>> {
  return tiers.map((t) => (t.preemptions === undefined ? [['ops', t.ops]] : [['ops', t.ops], ['preemptions', t.preemptions]]));
}

/** A bound in words, as reports name it: 'BOUNDED to 1 preemption (up to 2 operations in full, up to 3 with 2 preemptions)'. */
export function boundWords(b: ContextBound): string {
  const tiers = (b.tiers ?? []).map((t) => `up to ${plural(t.ops, 'operation')} ${t.preemptions === undefined ? 'in full' : `with ${plural(t.preemptions, 'preemption')}`}`);
  return `BOUNDED to ${plural(b.preemptions ?? 0, 'preemption')}${tiers.length === 0 ? '' : ` (${tiers.join(', ')})`}`;
}

/** The tiers as the command line writes them: '2,3:2' (2 operations in full, 3 with at most 2 preemptions). */
export function tiersText(tiers: readonly BoundTier[]): string {
  return tiers.map((t) => (t.preemptions === undefined ? `${t.ops}` : `${t.ops}:${t.preemptions}`)).join(',');
}

/** The most preemptions a bound may name (--preemptions checks the same). */
export const MAX_PREEMPTIONS = 254;

/** Parses `--tiers` ('2,3:2'), or says in one line what is wrong with it. */
export function parseTiers(text: string): BoundTier[] | string {
  const tiers: BoundTier[] = [];
  for (const part of text.split(',')) {
    const m = /^([0-9]+)(?::([0-9]+))?$/.exec(part);
    const ops = m ? Number(m[1]) : 0;
    if (!m || ops < 1 || !Number.isSafeInteger(ops)) return `--tiers takes OPS or OPS:PREEMPTIONS, comma-separated, e.g. 2,3:2 (got "${text}")`;
    const preemptions = m[2] === undefined ? undefined : Number(m[2]);
    if (preemptions !== undefined && preemptions > MAX_PREEMPTIONS) return `--tiers: at most ${MAX_PREEMPTIONS} preemptions in a tier (got "${part}")`;
    tiers.push(preemptions === undefined ? { ops } : { ops, preemptions });
  }
  return tiers;
}


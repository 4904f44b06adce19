/**
 * What a stress run of the plain map reports: rounds counted per class, the first round that
 * showed each, and the tally that builds them.
 */
import type { RoundClass, RoundVerdict } from './classify.js';

/** Rounds per class. */
export type ClassCounts = Record<RoundClass, number> & { rounds: number };

/** The first round that showed an outcome, to look at. */
export interface StressExample {
  outcome: string;
  round: number;
  detail: string;
}

/**
 * A stress run of the plain map. The op mix is fixed by the seed; the interleaving is whatever the
 * hardware did, so two runs with one seed agree in their inputs, not in their counts.
 */
export interface StressReport {
  version: 1;
  target: 'hmap';
  config: string;
  workers: number;
  keys: number;
  seed: number;
  /** The op mix's name (impl/stress/mix.ts). */
  mix: string;
  /** Operations asked for. */
  ops: number;
  /** Operations started: a Go crash ends its round, and the rest of that round's programs never run. */
  opsRun: number;
  /** Operations per round (the last round may have fewer). */
  roundOps: number;
  seconds: number;
  /** Every round. rounds = fatal + silent + harmless + undecided. */
  all: ClassCounts;
  /** Rounds in which two workers' operations overlapped and one of them wrote: the misuse Go detects, or not. */
  racy: ClassCounts;
  /** The other rounds ran as if sequentially. Each must be harmless; any other is a bug of impl/, counted in `anomalies`. */
  raceFree: ClassCounts;
  anomalies: number;
  /** Fatal rounds in which a read had already returned a value no order explains before Go crashed. */
  wrongReadBeforeFatal: number;
  /** Rounds per outcome: 'fatal: <Go's text>', 'throw: ...', 'panic: ...', 'silent: <kind>', 'harmless', 'undecided'. */
  outcomes: Record<string, number>;
  /** Rounds showing each kind of silent damage; a round may show several, so these can sum to more than `all.silent`. */
  silentKinds: Record<string, number>;
  /** The first round of each outcome other than harmless. */
  examples: StressExample[];
}

export function emptyCounts(): ClassCounts {
  return { rounds: 0, fatal: 0, silent: 0, harmless: 0, undecided: 0 };
}

/** Adds rounds' verdicts up as they come. */
export class Tally {
  readonly all = emptyCounts();
  readonly racy = emptyCounts();
  readonly raceFree = emptyCounts();
  readonly outcomes: Record<string, number> = {};
  readonly silentKinds: Record<string, number> = {};
  readonly examples: StressExample[] = [];
  opsRun = 0;
  wrongReadBeforeFatal = 0;

  add(round: number, v: RoundVerdict, opsStarted: number): void {
    this.opsRun += opsStarted;
    for (const c of [this.all, v.racy ? this.racy : this.raceFree]) {
      c.rounds++;
      c[v.class]++;
    }
    this.outcomes[v.outcome] = (this.outcomes[v.outcome] ?? 0) + 1;
    for (const k of v.kinds) this.silentKinds[k] = (this.silentKinds[k] ?? 0) + 1;
    if (v.class !== 'harmless' && !this.examples.some((e) => e.outcome === v.outcome)) {
      this.examples.push({ outcome: v.outcome, round, detail: v.detail ?? '' });
    }
    if (v.wrongReadBeforeCrash !== undefined) {
      this.wrongReadBeforeFatal++;
      const outcome = `${v.outcome}, after a wrong read`;
      if (!this.examples.some((e) => e.outcome === outcome)) this.examples.push({ outcome, round, detail: v.wrongReadBeforeCrash });
    }
  }

  get anomalies(): number {
    return this.raceFree.rounds - this.raceFree.harmless;
  }
}

/**
 * A one-line progress indicator on stderr for long explorations: label, states explored, a rolling
 * states/s and the elapsed time. Quiet for the first seconds so quick runs print nothing extra;
 * on a terminal it redraws in place, elsewhere (CI logs, files) it prints a plain line now and then.
 */
import { formatCount } from '../report/numbers.js';

/** The part of a NodeJS.WriteStream this uses, so tests can pass a plain object. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width; a redrawn line must not wrap, or '\r' only returns to its last row. */
  columns?: number;
}

export interface ProgressOptions {
  enabled: boolean;
  /** Defaults to process.stderr: stdout may be carrying --json. */
  stream?: ProgressStream;
  /** Milliseconds, monotonic; injectable so tests need no real timers. */
  now?: () => number;
}

export interface Progress {
  /** Cheap to call often: it draws only when the throttle allows. */
  update(states: number, label: string): void;
  /** Clears the line; call before printing the report (and on errors) so output starts clean. */
  done(): void;
}

/** Runs shorter than this print no progress at all. */
const QUIET_MS = 2_000;
/** At most 10 redraws a second on a terminal. */
const REDRAW_MS = 100;
/** Without a terminal each draw is a new line in a log, so far fewer of them. */
const PLAIN_LINE_MS = 5_000;
/** The states/s figure averages over about this much recent time. */
const RATE_WINDOW_MS = 3_000;

/** Progress goes to stderr, so it is safe with --json, but a log of JSON runs wants no noise. */
export function progressEnabled(json: boolean, isTTY: boolean): boolean {
  return !json || isTTY;
}

export function createProgress(opts: ProgressOptions): Progress {
  if (!opts.enabled) return { update: () => {}, done: () => {} };
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now());
  const tty = stream.isTTY === true;
  const start = now();
  const rate = rollingRate(start);
  let lastDraw = -Infinity;
  let onScreen = false; // a '\r' line is showing and must be cleared by done()
  let finished = false;

  return {
    update(states, label) {
      if (finished) return;
      const t = now();
      rate.add(t, states);
      if (t - start < QUIET_MS || t - lastDraw < (tty ? REDRAW_MS : PLAIN_LINE_MS)) return;
      lastDraw = t;
      const line = `${label}: ${formatCount(states)} states, ${formatCount(rate.perSecond())} states/s, ${formatElapsed(t - start)}`;
      if (tty) {
        // Cut to the terminal width (minus one for the cursor) and erase what a longer line left.
        const width = stream.columns !== undefined && stream.columns > 1 ? stream.columns - 1 : line.length;
        stream.write(`\r${line.slice(0, width)}\x1b[K`);
        onScreen = true;
      } else {
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (finished) return;
      finished = true;
      if (onScreen) stream.write('\r\x1b[K');
    },
  };
}

/** States per second over the last RATE_WINDOW_MS, from samples kept about REDRAW_MS apart. */
function rollingRate(start: number) {
  let samples: Array<{ t: number; states: number }> = [{ t: start, states: 0 }];
  let latest = samples[0]!;
  return {
    add(t: number, states: number) {
      // A smaller count means the caller started counting afresh (a new target): restart too.
      if (states < latest.states) samples = [{ t, states }];
      latest = { t, states };
      if (t - samples[samples.length - 1]!.t >= REDRAW_MS) samples.push(latest);
      // Keep the newest sample that is at least a window old as the baseline.
      while (samples.length > 1 && t - samples[1]!.t >= RATE_WINDOW_MS) samples.shift();
    },
    perSecond(): number {
      const base = samples[0]!;
      const ms = latest.t - base.t;
      return ms > 0 ? ((latest.states - base.states) * 1000) / ms : 0;
    },
  };
}

/** 7s, 1m05s, 2h03m04s: short enough for one line, unambiguous in a log. */
function formatElapsed(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h${two(m)}m${two(s)}s`;
  if (m > 0) return `${m}m${two(s)}s`;
  return `${s}s`;
}

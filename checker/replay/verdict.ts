import type { ReplayResult } from './replay.js';

/**
 * The CLI's answer to `--replay FILE`: one line and an exit code. 0 when the trace reproduces,
 * 1 when it replays to something else (the spec and the trace disagree), 2 when it cannot be
 * replayed at all (a user's mistake, like an unreadable file).
 */
export function replayVerdict(file: string, r: ReplayResult): { line: string; code: 0 | 1 | 2 } {
  const head = `replay ${file}`;
  switch (r.kind) {
    case 'same':
      return { line: `${head}: reproduces ${r.outcome}`, code: 0 };
    case 'different':
      return { line: `${head}: expected ${r.expected}, got ${r.actual}`, code: 1 };
    case 'diverged': {
      // Numbered from 1, as the diagram's autonumber numbers the arrows.
      const got = r.actual === undefined ? `nothing (${r.reason})` : JSON.stringify(r.actual);
      const versions = r.specVersions ? ` (trace from spec ${r.specVersions.trace}, checker has ${r.specVersions.checker})` : '';
      return { line: `${head}: diverged at step ${r.step + 1}: expected ${JSON.stringify(r.expected)}, got ${got}${versions}`, code: 1 };
    }
    case 'unfinished':
      return { line: `${head}: unfinished: the schedule ends while ${r.reason}`, code: 1 };
    case 'invalid':
      return { line: `${head}: ${r.reason}`, code: 2 };
  }
}

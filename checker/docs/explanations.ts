import { describeResult, describeScenario, dialectOf } from '../../spec/describe.js';
import type { ExecutionView, SearchBounds } from '../trace/types.js';
import { plural } from '../report/numbers.js';

/**
 * The prose beside each outcome class in docs/hmap.md: what the class means (written once,
 * here) and what happened in its witness (read off the replayed trace, so it cannot go stale).
 */
const MEANING: Array<[prefix: string, text: string]> = [
  ['ok', 'Every operation returned what some order of them respecting real time would have returned, and the map is well formed afterwards.'],
  ['fatal: concurrent map writes', 'A writer found `hashWriting` set by another writer. mapassign, mapdelete and mapclear check the flag when they start and again before they clear it; the check is a plain load, so it catches an overlap only when one of these loads happens to see the other writer\'s store.'],
  ['fatal: concurrent map read and map write', 'A reader loaded `flags` while a writer\'s window was open. mapaccess checks once, at its start: a writer that starts after that load goes unnoticed.'],
  ['fatal: concurrent map iteration and map write', 'mapiternext checks `hashWriting` once per call, so an iterator catches a writer only if one of those loads falls inside the writer\'s window.'],
  ['throw: bad map state', 'evacuate found a tophash below minTopHash that is not an empty mark: a cell another goroutine had already evacuated. Two goroutines were evacuating the same old bucket, which only a missed write race allows.'],
  ['throw: oldoverflow is not nil', 'hashGrow found `h.extra.oldoverflow` still set, so a growth was already under way. mapassign grows only after seeing `h.growing()` false; this writer saw it false, and before it grew, another goroutine\'s racing write started a growth of its own (and made an overflow bucket). The second growth lands on the unfinished first.'],
  ['throw: ', 'A runtime consistency check fired: the map reached a shape a sequential program never produces.'],
  ['panic: ', 'A racy load saw a nil bucket pointer (for instance oldbuckets freed by a goroutine that finished growing) and the map code dereferenced it; on a user goroutine Go turns the fault into a runtime panic.'],
  ['corrupt: count equals live keys', 'No check fired, but `count` no longer equals the number of keys stored: len(m) lies from now on, and growth triggers at the wrong time.'],
  ['corrupt: every key reachable from its bucket', 'No check fired, but a key sits where lookups for it never look: it is lost to reads and deletes, though it still takes a cell.'],
  ['corrupt: no key twice', 'No check fired, but one key is stored in two cells: reads see one, range sees both.'],
  ['corrupt: emptyRest ends the chain', 'No check fired, but an emptyRest mark says "nothing after me" while live cells follow it, so lookups stop before reaching them.'],
  ['corrupt: old buckets below nevacuate are evacuated', 'No check fired, but nevacuate claims old buckets are evacuated that are not: growth will finish and drop their keys.'],
  ['corrupt: evacuated buckets hold only evacuation marks', 'No check fired, but an old bucket whose first cell says "evacuated" still holds a live cell further along its chain: evacuate skips that bucket from now on, so the key is dropped when the growth finishes.'],
  ['corrupt: noverflow counts overflow buckets', 'No check fired, but `noverflow`, the count of overflow buckets that decides when a same-size grow is due, no longer matches the overflow buckets the map holds (its increments, and its reset when a growth starts, are plain loads and stores that racing writers interleave). Same-size grows now come too early or too late.'],
  ['corrupt: sameSizeGrow only while growing', 'No check fired, but the sameSizeGrow flag is set while no growth is under way. The flags word is rewritten whole by plain stores (a writer toggling hashWriting, the end of a growth clearing sameSizeGrow), so one goroutine\'s store can bring back a bit another had just cleared. The next doubling inherits the stale bit and is evacuated as if it kept the bucket count.'],
  ['corrupt: bucket access inside its allocation', 'A racy bucket pointer left every bucket array (Go would read or write foreign memory); the model cannot follow it further and stops the execution here.'],
  ['corrupt: ', 'No check fired, but a structural invariant of the map broke.'],
  ['nonlinearizable', 'No check fired and the structure is intact, yet the results cannot be explained by any order of the operations that respects real time: a lost write, or a read of a value that was never there.'],
];

export function meaningOf(outcome: string): string {
  return MEANING.find(([prefix]) => outcome === prefix || (prefix.endsWith(' ') && outcome.startsWith(prefix)))?.[1] ?? '';
}

/** What happened in this witness, step numbers as the diagram numbers its arrows. */
export function narrate(view: ExecutionView, minimal = true, setupSteps = 0): string {
  const { trace, steps } = view;
  const parts = [`Scenario: ${describeScenario(trace.scenario, dialectOf(trace.target)).replace(/; /g, ' ‖ ')}.`];
  if (setupSteps > 0) parts.push(`Steps 1-${setupSteps} are G0 filling the map alone.`);
  // The setup's own flag changes (each of its writes opening and closing its window) are not the story.
  const flagChanges = steps
    .map((s, i) => ({ s, i }))
    .filter(({ s, i }) => i >= setupSteps && s.writes.includes('flags') && /flags \d+→\d+/.test(s.detail))
    .map(({ s, i }) => `step ${i + 1} (G${s.goroutine}, ${s.goLine}) ${/flags \d+→\d+/.exec(s.detail)![0]}`);
  if (flagChanges.length > 0) parts.push(`Flag changes: ${flagChanges.join('; ')}.`);
  const crashAt = steps.findIndex((s) => s.crash);
  if (crashAt >= 0) {
    const s = steps[crashAt]!;
    parts.push(`At step ${crashAt + 1}, G${s.goroutine} in \`${s.label}\` (${s.goLine}) sees ${s.detail || 'the state'} and the program stops: ${trace.outcome}.`);
  }
  if (crashAt < 0 && trace.outcome.startsWith('fatal: ')) {
    parts.push(`After step ${steps.length}, every goroutine still in an operation waits for a lock nobody will give back: ${trace.outcome}.`);
  }
  if (view.brokenInvariant) {
    parts.push(`After step ${view.brokenInvariant.afterStep + 1}, with every goroutine between operations, the invariant "${view.brokenInvariant.name}" no longer holds.`);
  }
  if (view.nonlinearizable) {
    const returned = steps[view.nonlinearizable.atStep]?.returns;
    const what = returned ? ` returns ${describeResult(returned)},` : ' returns';
    parts.push(`At step ${view.nonlinearizable.atStep + 1}, \`${view.nonlinearizable.op}\`${what} which no real-time-respecting order of the operations explains.`);
  }
  const measures = `${plural(trace.ops, 'operation')}, ${plural(trace.switches, 'context switch', 'context switches')}, ${plural(trace.steps, 'step')}`;
  parts.push(minimal && trace.search ? `${measures}: no execution of this class ${withinSearch(trace.scenario.length, trace.search)} has fewer.` : `${measures}.`);
  return parts.join(' ');
}

/** The executions a witness is the smallest of: those within the bounds of the search that found it. */
function withinSearch(goroutines: number, s: SearchBounds): string {
  const grades = (s.tiers ?? []).map((t) => `${t.preemptions === undefined ? 'any number' : t.preemptions} in executions of at most ${plural(t.ops, 'operation')}`);
  const full = grades.length === 0 ? '' : ` (${grades.join(', ')})`;
  const bound = s.preemptions === undefined ? '' : ` and ${plural(s.preemptions, 'preemption')}${full}`;
  return `among ${goroutines} goroutines running at most ${plural(s.depth, 'operation')} on ${plural(s.keys, 'key')}${bound}`;
}


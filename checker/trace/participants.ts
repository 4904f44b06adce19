import type { StepInfo } from '../../spec/types.js';

/** A diagram participant: an id safe in Mermaid syntax, and the text shown for it. */
export interface Participant {
  id: string;
  alias: string;
}

/** The participants of one diagram: goroutines first, then shared objects by first touch. */
export interface Participants {
  goroutines: Participant[];
  /** Keyed by object name ('flags', 'b3'). */
  objects: Map<string, Participant>;
  /** The first and last participant ids, for notes that span the whole diagram. */
  first: string;
  last: string;
}

/**
 * The object a shared location belongs to: header fields are their own objects ('flags', 'count',
 * 'buckets'), bucket cells belong to their bucket ('b3.tophash[0]', 'b3.overflow' → 'b3').
 */
export function objectOf(location: string): string {
  return location.split(/[.[]/, 1)[0] || location;
}

/** Touch order within a step: reads happen before the writes they feed (as in `flags ^= x`). */
export function touchedObjects(step: StepInfo): string[] {
  return [...new Set([...step.reads, ...step.writes].map(objectOf))];
}

export function collectParticipants(goroutineCount: number, steps: StepInfo[]): Participants {
  const goroutines = Array.from({ length: goroutineCount }, (_, g) => ({ id: `G${g}`, alias: `goroutine ${g}` }));
  const objects = new Map<string, Participant>();
  const usedIds = new Set(goroutines.map((p) => p.id));
  for (const step of steps) {
    for (const name of touchedObjects(step)) {
      if (objects.has(name)) continue;
      const id = uniqueId(name, usedIds);
      usedIds.add(id);
      objects.set(name, { id, alias: /^b\d+$/.test(name) ? `bucket ${name}` : name });
    }
  }
  const all = [...goroutines, ...objects.values()];
  return { goroutines, objects, first: all[0]?.id ?? 'G0', last: all[all.length - 1]?.id ?? 'G0' };
}

/**
 * 'obj_' + the name's letters and digits: the prefix keeps ids clear of Mermaid keywords (an
 * actor called 'opt' or 'end' breaks the parse) and of the goroutine ids; a clash gets a suffix.
 */
function uniqueId(name: string, used: ReadonlySet<string>): string {
  const base = `obj_${name.replace(/[^A-Za-z0-9]/g, '')}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  return id;
}

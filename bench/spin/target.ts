/**
 * The protocol of the SPIN comparison as a checker target: Go 1.19's mapassign write window
 * (map.go:594-601 open, 682 count++, 685-688 close) and nothing else. One operation is one
 * `m[k] = v` reduced to its eight shared accesses, one step each, labelled as spec/hmap labels
 * them (spec/hmap/fns/shared.ts openWriteWindow/closeWriteWindow, spec/hmap/fns/assign.ts):
 *
 *   0 checkWriting  load flags; fatal 'concurrent map writes' if hashWriting is set
 *   1 toggleLoad    load flags
 *   2 toggleStore   store flags ^ hashWriting
 *   3 countLoad     load count
 *   4 countStore    store count + 1 (the cell write: count stands for the key's cell)
 *   5 endCheck      load flags; fatal 'concurrent map writes' if hashWriting is clear
 *   6 clearLoad     load flags
 *   7 clearStore    store flags &^ hashWriting
 *
 * A lost update shows at quiescence as count != completed writes (the invariant below), the
 * "silent corruption" class; SPIN's model checks count == N×K at its end (promela.ts).
 */
import type { MapConfig } from '../../spec/config.js';
import type { ValueNamer } from '../../spec/canon.js';
import type { Target } from '../../spec/target.js';
import type { Crash, Op, StepInfo } from '../../spec/types.js';

export const HASH_WRITING = 4;
export const FATAL_WRITES = 'concurrent map writes';
/** The invariant a lost update breaks; its outcome class is `corrupt: ${COUNT_INVARIANT}`. */
export const COUNT_INVARIANT = 'count equals completed writes';
export const FLAGS_INVARIANT = 'hashWriting clear when idle';

interface Step {
  line: number;
  text: string;
  reads: string[];
  writes: string[];
}

/** The eight steps, in order; labels are `mapassign: <text>` as in spec/hmap. */
export const FLAG_STEPS: readonly Step[] = [
  { line: 594, text: 'if h.flags&hashWriting != 0 (load)', reads: ['flags'], writes: [] },
  { line: 601, text: 'h.flags ^= hashWriting (load)', reads: ['flags'], writes: [] },
  { line: 601, text: 'h.flags ^= hashWriting (store)', reads: [], writes: ['flags'] },
  { line: 682, text: 'h.count++ (load)', reads: ['count'], writes: [] },
  { line: 682, text: 'h.count++ (store)', reads: [], writes: ['count'] },
  { line: 685, text: 'if h.flags&hashWriting == 0 (load)', reads: ['flags'], writes: [] },
  { line: 688, text: 'h.flags &^= hashWriting (load)', reads: ['flags'], writes: [] },
  { line: 688, text: 'h.flags &^= hashWriting (store)', reads: [], writes: ['flags'] },
];

/**
 * A goroutine inside a write: its next step and the value its last load left in a register
 * (cleared by the store that uses it, as the Promela model clears its local).
 */
interface Busy {
  readonly pc: number;
  readonly reg: number;
  readonly op: Op & { kind: 'assign' };
  readonly opIndex: number;
}

export interface FlagState {
  readonly flags: number;
  readonly count: number;
  /** Writes that returned (the count a race-free run must end with). */
  readonly done: number;
  readonly gs: ReadonlyArray<Busy | null>;
  /** Writes each goroutine has started. */
  readonly started: readonly number[];
}

const LABELS = FLAG_STEPS.map((st) => `mapassign: ${st.text}`);
const GO_LINES = FLAG_STEPS.map((st) => `map.go:${st.line}`);
const label = (pc: number): string => LABELS[pc]!;

/**
 * The target. Its alphabet is one assign to key 0. With `writesEach` K, every goroutine runs
 * exactly K writes (the fixed "N goroutines × K writes" scenario SPIN checks, run at depth N×K);
 * without it, any goroutine may run any number, and depth N×K covers every split of the writes.
 */
export function flagProtocolTarget(writesEach?: number): Target<FlagState> {
  return {
    ...(writesEach === undefined ? {} : { mayStart: (s: FlagState, g: number) => s.started[g]! < writesEach }),
    name: 'flag-protocol',
    specVersion: 'flag-protocol-1',
    contract: 'race-free',
    range: 'snapshot',
    // Writes return nothing, so every history of them is linearizable; SPIN's model has no monitor either.
    linearizability: false,
    // Locations carry no heap ids here, so the partial-order reduction can take them as they are.
    locationClass: (loc: string) => loc,
    alphabet: (_keys: number, value: number): Op[] => [{ kind: 'assign', key: 0, value }],
    init: (_cfg: MapConfig, goroutines: number): FlagState => ({
      flags: 0, count: 0, done: 0, gs: new Array<Busy | null>(goroutines).fill(null), started: new Array<number>(goroutines).fill(0),
    }),
    idle: (s, g) => s.gs[g] === null,
    start: (s, g, op, opIndex) => {
      if (op.kind !== 'assign') throw new Error(`flag-protocol runs assigns only, not ${op.kind}`);
      const gs = s.gs.slice();
      gs[g] = { pc: 0, reg: 0, op, opIndex };
      const started = s.started.slice();
      started[g]!++;
      return { flags: s.flags, count: s.count, done: s.done, gs, started };
    },
    enabled: (s, g) => s.gs[g] !== null,
    nextLabel: (s, g) => {
      const b = s.gs[g];
      return b ? label(b.pc) : undefined;
    },
    step: (s, g, detail = true) => step(s, g, detail),
    broken: (s) => {
      if (s.count !== s.done) return COUNT_INVARIANT;
      if (s.flags & HASH_WRITING) return FLAGS_INVARIANT;
      return undefined;
    },
    // A crash ends the program: the goroutines' registers and how many writes each had started are dead.
    halt: (s) => ({ ...s, gs: s.gs.map(() => null), started: s.started.map(() => 0) }),
    encode: (s: FlagState, _values: ValueNamer, order: readonly number[]): string => {
      // A loop, not map and join: this is most of what the search does per state here.
      let text = `${s.flags},${s.count},${s.done}|`;
      for (const g of order) {
        const b = s.gs[g];
        text += `${b ? `${b.pc}.${b.reg}` : '-'}#${s.started[g]} `;
      }
      return text;
    },
  };
}

/** Goroutine g's next step; with `detail` false the texts for people (op, detail) are left empty, as the specs' lean steps leave them. */
function step(s: FlagState, g: number, detail: boolean): { state: FlagState; info: StepInfo; crash?: Crash } {
  const b = s.gs[g];
  if (!b) throw new Error(`goroutine ${g} is idle`);
  const st = FLAG_STEPS[b.pc]!;
  const info: StepInfo = {
    goroutine: g, opIndex: b.opIndex, op: detail ? `m[k0] = v${b.op.value}` : '', label: label(b.pc), goLine: GO_LINES[b.pc]!,
    reads: st.reads, writes: st.writes, access: 'plain', detail: '',
  };
  if (b.pc === 0) info.call = true;
  let { flags, count, done } = s;
  let reg = b.reg;
  let crash: Crash | undefined;
  if (detail) info.detail = stepDetail(b.pc, flags, count, reg);
  switch (b.pc) {
    case 0: if (flags & HASH_WRITING) crash = { kind: 'fatal', message: FATAL_WRITES }; break;
    case 1: reg = flags; break;
    case 2: flags = reg ^ HASH_WRITING; reg = 0; break;
    case 3: reg = count; break;
    case 4: count = reg + 1; reg = 0; break;
    case 5: if (!(flags & HASH_WRITING)) crash = { kind: 'fatal', message: FATAL_WRITES }; break;
    case 6: reg = flags; break;
    case 7: flags = reg & ~HASH_WRITING; break;
  }
  const gs = s.gs.slice();
  if (crash) {
    info.crash = crash;
    // A crash ends the program; the crashed goroutine is left idle, as the specs leave theirs.
    gs[g] = null;
    return { state: { flags, count, done, gs, started: s.started }, info, crash };
  }
  if (b.pc === FLAG_STEPS.length - 1) {
    gs[g] = null;
    done++;
    info.returns = { kind: 'none' };
  } else {
    gs[g] = { pc: b.pc + 1, reg, op: b.op, opIndex: b.opIndex };
  }
  // Literals of one shape rather than spreads: a step is most of this search's time.
  return { state: { flags, count, done, gs, started: s.started }, info };
}

/** What step `pc` sees or changes, from the values before it: 'flags 0→4', 'count = 1'. */
function stepDetail(pc: number, flags: number, count: number, reg: number): string {
  switch (pc) {
    case 2: return `flags ${flags}→${reg ^ HASH_WRITING}`;
    case 3: return `count = ${count}`;
    case 4: return `count ${count}→${reg + 1}`;
    case 7: return `flags ${flags}→${reg & ~HASH_WRITING}`;
    default: return `flags = ${flags}`;
  }
}

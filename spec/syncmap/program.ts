import type { LiveLocals } from '../locals.js';
import type { Ctx } from './ctx.js';

/**
 * A Go function of sync/map.go as a table of named points. A point that is a scheduling point
 * ([AL] read.Load, [AS] read.Store, [LP] LoadPointer, [CAS], [SP] StorePointer, [L] mu.Lock,
 * [U] mu.Unlock) makes exactly that one access and is one step. A `silent` point makes none of
 * them: it is control flow, a lookup in an immutable read.m, or a plain access to dirty or
 * misses, and it runs as part of the step before it (Go touches those only with mu held, so no
 * other goroutine can see them between the two).
 */
export interface Point {
  /** Line in sync/map.go of the statement. */
  line: number;
  /** The statement and the kind of access, e.g. 'p := atomic.LoadPointer(&e.p) (atomic load)'. */
  text: string;
  /** Makes no scheduling-point access: runs right after the step before it, as part of it. */
  silent?: true;
  /** This point is mu.Lock(): the goroutine cannot take it while another holds mu. */
  lock?: true;
  run(c: Ctx): void;
}

/** What a local variable holds, so encode can renumber heap ids and rename values and keys. */
export type LocalKind = 'int' | 'key' | 'value' | 'entry' | 'readOnly';

export interface GoFunction {
  /** Label prefix: Map methods by Go's name ('Load'), entry methods as called ('e.load'). */
  name: string;
  entry: string;
  /** Every local the points may set, and what it holds; the interpreter rejects any other. */
  locals: Readonly<Record<string, LocalKind>>;
  points: Readonly<Record<string, Point>>;
  /** The locals live at each point (spec/locals.ts); without it the frame keeps every local. */
  live?: LiveLocals;
}

/** A call frame: which function, where in it, and its locals (numbers only). */
export interface Frame {
  readonly fn: string;
  readonly pc: string;
  readonly v: Readonly<Record<string, number>>;
}

export type FunctionTable = Readonly<Record<string, GoFunction>>;

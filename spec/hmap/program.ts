import type { Ctx } from './ctx.js';
import type { LiveLocals } from '../locals.js';

/**
 * A Go function as a small program of numbered points. Each point's `run` makes at most one
 * shared-memory access (that access is one step) and then says where control goes; a point
 * that makes no access is control flow only and runs without being a step.
 */
export interface Point {
  /** Go 1.19 source line of the access (file defaults to the function's). */
  line: number;
  file?: string;
  /** The source statement and the kind of access, e.g. 'h.flags ^= hashWriting (load)'. */
  text: string;
  /** Control flow only: makes no access, so it is not a step and runs as soon as it is reached. */
  silent?: true;
  /** Label prefix when the point belongs to a function Go inlines here (e.g. 'mapiternext'). */
  fn?: string;
  run(c: Ctx): void;
}

export interface GoFunction {
  /** Go's name, used as the label prefix: 'mapassign', 'evacuate', ... */
  name: string;
  file: string;
  entry: string;
  /** Local variables holding bucket pointers (the heap is renumbered through them). */
  pointerVars: readonly string[];
  /** Local variables holding map values (renamed by data independence when states are compared). */
  valueVars?: readonly string[];
  /** Local variables holding keys, and holding tophashes (renamed by key symmetry, keys.ts). */
  keyVars?: readonly string[];
  topVars?: readonly string[];
  points: Readonly<Record<string, Point>>;
  /** The locals live at each point (locals.ts); without it the frame keeps every local. */
  live?: LiveLocals;
}

/** A call frame: which function, where in it, its locals (numbers only, so states compare cheaply). */
export interface Frame {
  readonly fn: string;
  readonly pc: string;
  readonly v: Readonly<Record<string, number>>;
}

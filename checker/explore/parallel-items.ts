import type { MapConfig } from '../../spec/config.js';
import type { Target } from '../../spec/target.js';
import { type Bounds, initialNode, type Node, successors } from './node.js';

/** A piece of a parallel search: the states leading to it, and the state to explore from (none when the way ends). */
export interface WorkItem {
  path: Array<Node<unknown>>;
  start: Node<unknown> | undefined;
}

/**
 * The work of a parallel search, cut two scheduler choices deep (a few hundred pieces, so a
 * worker that finishes early finds more to do). Every worker computes the same list.
 */
export function workItems(target: Target<unknown>, cfg: MapConfig, b: Bounds): { root: Node<unknown>; items: WorkItem[] } {
  const root = initialNode(target, cfg, b);
  const items: WorkItem[] = [];
  for (const { node: first } of successors(target, b, root)) {
    const second = successors(target, b, first);
    if (second.length === 0) items.push({ path: [first], start: undefined });
    for (const { node } of second) items.push({ path: [first], start: node });
  }
  return { root, items };
}

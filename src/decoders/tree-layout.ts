// How much of a value tree the view opens at first: breadth first, within a budget of rendered
// lines, so a payload of a million values opens as fast as one of ten.
import { childCount, type DataNode } from './data-node';

/** Children shown per container before a "Show more" button. */
export const CHILD_PAGE = 200;
/** Lines the first render may show, all open containers together. */
export const INITIAL_LINES = 2_000;
/** Containers deeper than this start closed whatever the budget. */
export const AUTO_OPEN_DEPTH = 8;

function children(node: DataNode): DataNode[] {
  if (node.t === 'array') return node.items.slice(0, CHILD_PAGE);
  if (node.t === 'map') return node.entries.slice(0, CHILD_PAGE).map(([, v]) => v);
  if (node.t === 'label' && node.v) return [node.v];
  return [];
}

/** Whether a node has children the view can open and close (labels wrap theirs inline). */
export function isContainer(node: DataNode): boolean {
  return node.t === 'array' || node.t === 'map';
}

/** The containers to open at first: the root always, then level by level while lines remain. */
export function initialOpen(root: DataNode, budget = INITIAL_LINES): Set<DataNode> {
  const open = new Set<DataNode>();
  let level: DataNode[] = [root];
  let lines = 1;
  for (let depth = 0; level.length > 0 && depth <= AUTO_OPEN_DEPTH; depth++) {
    const next: DataNode[] = [];
    for (const node of level) {
      if (!isContainer(node)) {
        next.push(...children(node)); // a label's content sits on its line
        continue;
      }
      const cost = Math.min(childCount(node), CHILD_PAGE) + 1;
      if (node !== root && lines + cost > budget) continue;
      open.add(node);
      lines += cost;
      next.push(...children(node));
    }
    level = next;
  }
  return open;
}

// The tree as the screen shows it (pure): the expanded nodes flattened to rows in order, and the
// name search that keeps matching nodes with their ancestors.
import { sortedChildren } from './topic-tree';
import type { TopicNode, TopicTree } from './topic-tree';

export interface TreeRow {
  node: TopicNode;
  /** aria-level: 1 for a first level. */
  level: number;
  /** aria-setsize / aria-posinset among the siblings shown. */
  setSize: number;
  posInSet: number;
  expandable: boolean;
  expanded: boolean;
}

/** Children shown: all of them, or during a search only those kept. */
function shownChildren(node: TopicNode, keep: ReadonlySet<TopicNode> | undefined): TopicNode[] {
  const all = sortedChildren(node);
  return keep ? all.filter((c) => keep.has(c)) : all;
}

/**
 * The rows of every node whose ancestors are all expanded, depth first in name order. During a
 * search (`keep`) only kept nodes show, and every kept node with kept children shows them.
 */
export function flattenTree(
  tree: TopicTree,
  expanded: ReadonlySet<string>,
  keep?: ReadonlySet<TopicNode>,
): TreeRow[] {
  const rows: TreeRow[] = [];
  // An explicit stack, not recursion: a topic may be thousands of levels deep.
  const stack: { list: TopicNode[]; index: number }[] = [
    { list: shownChildren(tree.root, keep), index: 0 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const node = top.list[top.index];
    if (!node) {
      stack.pop();
      continue;
    }
    top.index++;
    const children = keep ? shownChildren(node, keep) : undefined;
    const expandable = keep ? children!.length > 0 : node.children.size > 0;
    const open = expandable && (keep !== undefined || expanded.has(node.topic));
    rows.push({
      node,
      level: node.depth + 1,
      setSize: top.list.length,
      posInSet: top.index,
      expandable,
      expanded: open,
    });
    if (open) stack.push({ list: children ?? shownChildren(node, keep), index: 0 });
  }
  return rows;
}

/** Most nodes a search keeps (matches and their ancestors), so a one-letter search stays cheap. */
export const SEARCH_MAX_MATCHES = 5_000;

export interface SearchResult extends Set<TopicNode> {
  /** More than SEARCH_MAX_MATCHES nodes matched: only the first ones are kept. */
  capped?: boolean;
}

/**
 * Nodes whose name holds `query` (case ignored; a query with '/' is matched on the whole topic),
 * with their ancestors; undefined for an empty query.
 */
export function searchTree(tree: TopicTree, query: string): SearchResult | undefined {
  const q = query.trim().toLowerCase();
  if (q === '') return undefined;
  const onTopic = q.includes('/');
  const keep: SearchResult = new Set<TopicNode>();
  let matches = 0;
  for (const node of tree.byTopic.values()) {
    const text = onTopic ? node.topic : node.name;
    if (!text.toLowerCase().includes(q)) continue;
    if (++matches > SEARCH_MAX_MATCHES) {
      keep.capped = true;
      break;
    }
    for (let n: TopicNode | undefined = node; n && n.depth >= 0 && !keep.has(n); n = n.parent) {
      keep.add(n);
    }
  }
  return keep;
}

/** The topics of `node` and its ancestors, to expand so that `node` shows. */
export function ancestorsOf(node: TopicNode): string[] {
  const out: string[] = [];
  for (let n = node.parent; n && n.depth >= 0; n = n.parent) out.push(n.topic);
  return out;
}

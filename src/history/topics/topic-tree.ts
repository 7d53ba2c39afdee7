// The topic tree's model (pure, no DOM): the hierarchy of topics from `topicStats`, each node with
// its own newest message and its subtree's sums, and live batches merged in without a rebuild.
import type { MessageSummary, TopicStat } from '../../../shared/protocol';
import { TOPIC_PREVIEW_BYTES } from '../../../shared/protocol';
import { recordRate } from './topic-rate';
import type { RateWindows } from './topic-rate';

/** The newest message on exactly this node's topic (the worker's TopicStat, named by the node). */
export type OwnStat = Omit<TopicStat, 'topic'>;

export interface TopicNode {
  /** This level's name ('' for an empty level, as in `a//b` or a leading '/'). */
  name: string;
  /** The topic this node stands for: its levels joined with '/'. */
  topic: string;
  /** 0 for a first level. */
  depth: number;
  parent: TopicNode | undefined;
  children: Map<string, TopicNode>;
  /** Children in name order, built when first asked for and dropped when a child is added. */
  sorted: TopicNode[] | undefined;
  /** Set when a message was stored on exactly this topic. */
  own: OwnStat | undefined;
  /** Sums over this node and every node below it. */
  count: number;
  bytes: number;
  lastTime: number;
  /** Topics (nodes with `own`) in the subtree, this one included. */
  topics: number;
}

export interface TopicTree {
  root: TopicNode;
  /** Every node by topic, for lookups in O(1). */
  byTopic: Map<string, TopicNode>;
  /** The highest message id counted: live messages at or below it are already in. */
  lastId: number;
  /** Rises on every change, so a view knows to flatten again. */
  version: number;
  /** Recent message times per topic and ancestor (live history only). */
  rates: RateWindows | undefined;
}

function newNode(name: string, topic: string, depth: number, parent?: TopicNode): TopicNode {
  const node: TopicNode = {
    name,
    topic,
    depth,
    parent,
    children: new Map(),
    sorted: undefined,
    own: undefined,
    count: 0,
    bytes: 0,
    lastTime: 0,
    topics: 0,
  };
  return node;
}

export function emptyTree(live: boolean): TopicTree {
  return {
    root: newNode('', '', -1),
    byTopic: new Map(),
    lastId: 0,
    version: 0,
    rates: live ? new Map() : undefined,
  };
}

/** Levels beyond this depth stay together in the deepest node's name (a topic may hold 65,535). */
export const MAX_TREE_DEPTH = 64;

/** The node of `topic`, created with its missing ancestors (a loop: topics can be very deep). */
function nodeOf(tree: TopicTree, topic: string): TopicNode {
  const known = tree.byTopic.get(topic);
  if (known) return known;
  let node = tree.root;
  let start = 0;
  for (;;) {
    const cut = node.depth + 2 >= MAX_TREE_DEPTH ? -1 : topic.indexOf('/', start);
    const end = cut < 0 ? topic.length : cut;
    const name = topic.slice(start, end);
    let child = node.children.get(name);
    if (!child) {
      child = newNode(name, topic.slice(0, end), node.depth + 1, node);
      node.children.set(name, child);
      node.sorted = undefined;
      tree.byTopic.set(child.topic, child);
    }
    node = child;
    if (cut < 0) return node;
    start = cut + 1;
  }
}

/** Adds `count` messages and `bytes` at `time` to `node` and every ancestor. */
function addUp(node: TopicNode, count: number, bytes: number, time: number, topics: number) {
  for (let n: TopicNode | undefined = node; n; n = n.parent) {
    n.count += count;
    n.bytes += bytes;
    n.topics += topics;
    if (time > n.lastTime) n.lastTime = time;
  }
}

/** Builds the tree from `topicStats`' answer (any order). */
export function buildTree(stats: readonly TopicStat[], live: boolean): TopicTree {
  const tree = emptyTree(live);
  for (const s of stats) {
    const node = nodeOf(tree, s.topic);
    const had = node.own !== undefined;
    node.own = {
      count: s.count,
      bytes: s.bytes,
      lastId: s.lastId,
      lastTime: s.lastTime,
      retain: s.retain,
      qos: s.qos,
      size: s.size,
      preview: s.preview,
    };
    addUp(node, s.count, s.bytes, s.lastTime, had ? 0 : 1);
    if (s.lastId > tree.lastId) tree.lastId = s.lastId;
  }
  tree.version++;
  return tree;
}

/**
 * Merges a live batch: each message counts once on its topic and its ancestors (O(batch × depth)),
 * messages already counted by the snapshot (id ≤ `tree.lastId`) are skipped.
 */
export function mergeBatch(tree: TopicTree, batch: readonly MessageSummary[], now: number): void {
  let changed = false;
  for (const m of batch) {
    if (m.id <= tree.lastId) continue;
    tree.lastId = m.id;
    changed = true;
    const node = nodeOf(tree, m.topic);
    const own = node.own;
    const preview = m.preview.subarray(0, TOPIC_PREVIEW_BYTES);
    node.own = {
      count: (own?.count ?? 0) + 1,
      bytes: (own?.bytes ?? 0) + m.size,
      lastId: m.id,
      lastTime: m.time,
      retain: m.retain,
      qos: m.qos,
      size: m.size,
      preview,
    };
    addUp(node, 1, m.size, m.time, own ? 0 : 1);
    if (tree.rates) recordRate(tree.rates, node, now);
  }
  if (changed) tree.version++;
}

/** Marks `topic` as no longer retained (its retained message was cleared). */
export function markCleared(tree: TopicTree, topic: string): void {
  const own = tree.byTopic.get(topic)?.own;
  if (!own?.retain) return;
  own.retain = false;
  tree.version++;
}

/** Children in name order (code-unit order: stable, cheap, the same in every locale). */
export function sortedChildren(node: TopicNode): TopicNode[] {
  if (!node.sorted) {
    node.sorted = [...node.children.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }
  return node.sorted;
}

/** The topics below `node` (not itself) whose newest message was retained. */
export function retainedBelow(node: TopicNode): string[] {
  const out: string[] = [];
  const stack = [...node.children.values()];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.own?.retain) out.push(n.topic);
    for (const child of n.children.values()) stack.push(child);
  }
  return out.sort();
}

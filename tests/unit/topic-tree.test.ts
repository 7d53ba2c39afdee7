// The topic tree's model: levels, sums, live merges, rates, search and the rows shown.
import { describe, expect, it } from 'vitest';
import type { MessageSummary, TopicStat } from '../../shared/protocol';
import { ratePerMinute } from '../../src/history/topics/topic-rate';
import {
  MAX_TREE_DEPTH,
  buildTree,
  markCleared,
  mergeBatch,
  retainedBelow,
} from '../../src/history/topics/topic-tree';
import { flattenTree, searchTree } from '../../src/history/topics/topic-tree-rows';

let nextId = 1;
function stat(topic: string, count = 1, time = 1_000, retain = false): TopicStat {
  return {
    topic,
    count,
    bytes: count * 10,
    lastId: nextId++,
    lastTime: time,
    retain,
    qos: 0,
    size: 10,
    preview: new TextEncoder().encode(`v-${topic}`),
  };
}

function message(id: number, topic: string, time: number, retain = false): MessageSummary {
  const preview = new TextEncoder().encode(`m${id}`);
  return { id, connectionId: 'c', topic, qos: 1, retain, time, size: 5, preview };
}

const names = (rows: ReturnType<typeof flattenTree>) => rows.map((r) => r.node.topic);

describe('buildTree', () => {
  it('splits on every slash, empty levels and a leading slash included', () => {
    const tree = buildTree([stat('a//b'), stat('/x'), stat('a')], false);
    expect([...tree.root.children.keys()].sort()).toEqual(['', 'a']);
    const empty = tree.byTopic.get('a/')!;
    expect(empty.name).toBe('');
    expect(empty.own).toBeUndefined();
    expect(tree.byTopic.get('a//b')!.depth).toBe(2);
    expect(tree.byTopic.get('/x')!.parent!.topic).toBe('');
    expect(tree.byTopic.get('a')!.own?.count).toBe(1);
  });

  it('sums counts, bytes, topics and the newest time over each subtree', () => {
    const tree = buildTree(
      [stat('s/a/t', 3, 100), stat('s/a', 2, 300), stat('s/b/t', 5, 200), stat('z', 1, 50)],
      false,
    );
    const s = tree.byTopic.get('s')!;
    expect(s.count).toBe(10);
    expect(s.bytes).toBe(100);
    expect(s.topics).toBe(3);
    expect(s.lastTime).toBe(300);
    expect(s.own).toBeUndefined();
    expect(tree.byTopic.get('s/a')!.count).toBe(5);
    expect(tree.root.count).toBe(11);
  });

  it('keeps levels past MAX_TREE_DEPTH together, and survives a very deep topic', () => {
    const deep = '/'.repeat(20_000);
    const tree = buildTree([stat(deep)], false);
    const leaf = tree.byTopic.get(deep)!;
    expect(leaf.depth).toBe(MAX_TREE_DEPTH - 1);
    expect(leaf.own?.count).toBe(1);
    expect(tree.byTopic.size).toBe(MAX_TREE_DEPTH);
  });
});

describe('mergeBatch', () => {
  it('counts each new message once on its topic and its ancestors, keeping the last value', () => {
    const tree = buildTree([stat('h/k', 2, 10)], true);
    const base = tree.lastId;
    const version = tree.version;
    mergeBatch(
      tree,
      [message(base + 1, 'h/k', 20), message(base + 2, 'h/new', 30, true), message(base, 'h/k', 5)],
      60_000,
    );
    const k = tree.byTopic.get('h/k')!;
    expect(k.own).toMatchObject({ count: 3, lastTime: 20, lastId: base + 1, qos: 1 });
    expect(new TextDecoder().decode(k.own!.preview)).toBe(`m${base + 1}`);
    const h = tree.byTopic.get('h')!;
    expect(h.count).toBe(4);
    expect(h.topics).toBe(2);
    expect(h.lastTime).toBe(30);
    expect(tree.byTopic.get('h/new')!.own?.retain).toBe(true);
    expect(tree.version).toBeGreaterThan(version);
  });

  it('skips messages the snapshot already counted', () => {
    const tree = buildTree([stat('q')], true);
    mergeBatch(tree, [message(tree.lastId, 'q', 1)], 0);
    expect(tree.byTopic.get('q')!.count).toBe(1);
  });
});

describe('rate', () => {
  it('counts the messages of the last minute per node and ancestors, live only', () => {
    const tree = buildTree([], true);
    const t0 = 1_000_000;
    mergeBatch(tree, [message(1, 'r/a', t0), message(2, 'r/a', t0), message(3, 'r/b', t0)], t0);
    mergeBatch(tree, [message(4, 'r/a', t0 + 30_000)], t0 + 30_000);
    expect(ratePerMinute(tree.rates, 'r/a', t0 + 30_000)).toBe(3);
    expect(ratePerMinute(tree.rates, 'r', t0 + 30_000)).toBe(4);
    expect(ratePerMinute(tree.rates, 'r/a', t0 + 70_000)).toBe(1);
    expect(ratePerMinute(tree.rates, 'r/a', t0 + 100_000)).toBe(0);
    const capture = buildTree([], false);
    mergeBatch(capture, [message(1, 'r/a', t0)], t0);
    expect(ratePerMinute(capture.rates, 'r/a', t0)).toBe(0);
  });
});

describe('flattenTree', () => {
  const tree = buildTree([stat('b/y'), stat('b/x/1'), stat('a'), stat('c')], false);

  it('shows first levels in name order until nodes are expanded', () => {
    const rows = flattenTree(tree, new Set());
    expect(names(rows)).toEqual(['a', 'b', 'c']);
    expect(rows[1]).toMatchObject({ level: 1, setSize: 3, posInSet: 2, expandable: true });
    expect(rows[1]!.expanded).toBe(false);
    expect(rows[0]!.expandable).toBe(false);
  });

  it('shows the children of expanded nodes with their level and position', () => {
    const rows = flattenTree(tree, new Set(['b', 'b/x']));
    expect(names(rows)).toEqual(['a', 'b', 'b/x', 'b/x/1', 'b/y', 'c']);
    expect(rows[3]).toMatchObject({ level: 3, setSize: 1, posInSet: 1 });
    expect(rows[4]).toMatchObject({ level: 2, setSize: 2, posInSet: 2 });
    // An expanded node under a collapsed one stays hidden.
    expect(names(flattenTree(tree, new Set(['b/x'])))).toEqual(['a', 'b', 'c']);
  });
});

describe('searchTree', () => {
  const tree = buildTree(
    [stat('home/kitchen/temp'), stat('home/hall/light'), stat('office/Temp/x'), stat('zz')],
    false,
  );

  it('keeps matching nodes and their ancestors, case ignored, shown expanded', () => {
    const keep = searchTree(tree, 'TEMP')!;
    const rows = flattenTree(tree, new Set(), keep);
    expect(names(rows)).toEqual([
      'home',
      'home/kitchen',
      'home/kitchen/temp',
      'office',
      'office/Temp',
    ]);
    expect(rows[0]).toMatchObject({ expanded: true, setSize: 2 });
    expect(rows[4]!.expandable).toBe(false);
  });

  it('matches a query with a slash on the whole topic; an empty query keeps all', () => {
    expect(names(flattenTree(tree, new Set(), searchTree(tree, 'hall/li')!))).toEqual([
      'home',
      'home/hall',
      'home/hall/light',
    ]);
    expect(searchTree(tree, '  ')).toBeUndefined();
    expect(searchTree(tree, 'nothing-here')!.size).toBe(0);
  });
});

describe('retained', () => {
  it('lists the retained topics below a node and marks one cleared', () => {
    const tree = buildTree(
      [stat('r', 1, 1, true), stat('r/a', 1, 1, true), stat('r/b'), stat('r/b/c', 1, 1, true)],
      false,
    );
    const r = tree.byTopic.get('r')!;
    expect(retainedBelow(r)).toEqual(['r/a', 'r/b/c']);
    markCleared(tree, 'r/a');
    expect(tree.byTopic.get('r/a')!.own?.retain).toBe(false);
    expect(retainedBelow(r)).toEqual(['r/b/c']);
  });
});

describe('10,000 topics', () => {
  it('build, search and flatten fully expanded', () => {
    const stats: TopicStat[] = [];
    for (let i = 0; i < 10_000; i++) stats.push(stat(`site/${i % 10}/dev${i % 100}/t${i}`));
    const tree = buildTree(stats, false);
    expect(tree.root.count).toBe(10_000);
    expect(tree.byTopic.get('site')!.topics).toBe(10_000);
    const all = new Set(tree.byTopic.keys());
    expect(flattenTree(tree, all)).toHaveLength(tree.byTopic.size);
    expect(searchTree(tree, 't')!.capped).toBe(true);
    expect(searchTree(tree, 't999')!.capped).toBeUndefined();
    const keep = searchTree(tree, 't9999')!;
    expect(names(flattenTree(tree, new Set(), keep)).at(-1)).toBe('site/9/dev99/t9999');
  });
});

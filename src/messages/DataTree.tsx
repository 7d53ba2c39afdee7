// A decoded value as a collapsible tree of text nodes (never HTML): coloured by token type, its
// text exactly the pretty form, the first render bounded (tree-layout.ts) and children paged.
import { For, Show, createSignal, type JSX } from 'solid-js';
import { childCount, type DataNode } from '../decoders/data-node';
import { keyText, leafText } from '../decoders/node-text';
import { CHILD_PAGE, initialOpen } from '../decoders/tree-layout';
import { formatCount } from '../ui/payload-format';

// The tree is immutable once decoded, so nodes are rendered by plain functions over plain values
// (no props to track); only each container's open state and shown count are signals.

type Container = DataNode & { t: 'array' | 'map' };

function container(node: Container, indent: string, open: Set<DataNode>, path: string) {
  const [expanded, setExpanded] = createSignal(open.has(node));
  const [shown, setShown] = createSignal(CHILD_PAGE);
  const isArray = node.t === 'array';
  const count = childCount(node);
  const inner = indent + '  ';
  const [openMark, closeMark] = isArray ? ['[', ']'] : ['{', '}'];
  if (count === 0) return <span class="tok-punct">{openMark + closeMark}</span>;
  const child = (i: number) => {
    const [key, value] =
      node.t === 'array'
        ? [undefined, node.items[i]!]
        : [keyText(node.entries[i]![0]), node.entries[i]![1]];
    return (
      <>
        {`\n${inner}`}
        {key === undefined ? '' : <span class="tok-key">{key}</span>}
        {key === undefined ? '' : ': '}
        {render(value, inner, open, `${path}${key === undefined ? `[${i}]` : `.${key}`}`)}
        {i < count - 1 ? ',' : ''}
      </>
    );
  };
  return (
    <>
      <button
        type="button"
        class="tree-toggle"
        aria-expanded={expanded()}
        aria-label={`${expanded() ? 'Collapse' : 'Expand'} ${path}`}
        onClick={() => setExpanded(!expanded())}
      />
      {openMark}
      <Show
        when={expanded()}
        fallback={
          <span class="tok-fold">
            … {formatCount(count)} {isArray ? 'items' : 'keys'}
          </span>
        }
      >
        <For each={Array.from({ length: Math.min(count, shown()) }, (_, i) => i)}>{child}</For>
        <Show when={count > shown()}>
          {`\n${inner}`}
          <button type="button" class="btn small" onClick={() => setShown(shown() + CHILD_PAGE)}>
            Show {formatCount(Math.min(CHILD_PAGE, count - shown()))} more of {formatCount(count)}
          </button>
        </Show>
        {`\n${indent}`}
      </Show>
      {closeMark}
    </>
  );
}

function render(node: DataNode, indent: string, open: Set<DataNode>, path: string): JSX.Element {
  if (node.t === 'array' || node.t === 'map') return container(node, indent, open, path);
  if (node.t === 'label' && node.v) {
    return (
      <>
        <span class="tok-label">{node.label}</span> {render(node.v, indent, open, path)}
      </>
    );
  }
  const leaf = leafText(node);
  return <span class={`tok-${leaf.token}`}>{leaf.text}</span>;
}

/** The whole tree in one `<pre>`; its text content is the value's pretty text. */
export function DataTree(props: { root: DataNode }) {
  return <pre class="payload tree">{render(props.root, '', initialOpen(props.root), 'value')}</pre>;
}

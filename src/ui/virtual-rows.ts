// Fixed-height row virtualisation for the long lists (live messages, the explorer's results, the
// topic tree): only the rows near the viewport are rendered, each placed by its index, so a list
// of any length costs the same DOM and the same work per scroll.
import { createMemo, createSignal, onCleanup, onMount, type Accessor } from 'solid-js';

export interface VirtualRows {
  /** The scrolling element: pass as its `ref`. */
  ref(element: HTMLElement): void;
  /** Pass as the scrolling element's `onScroll`. */
  onScroll(): void;
  scrollTop: Accessor<number>;
  /** The viewport's height, followed as it resizes. */
  height: Accessor<number>;
  /** The rows to render, [first, last): those in view and the overscan beyond each edge. */
  range: Accessor<{ first: number; last: number }>;
  /** Where row `index` sits, in px from the top of the list. */
  top(index: number): number;
  /** The height of every row together: the spacer's, so the scrollbar spans the whole list. */
  spacerHeight(): number;
  /** Scrolls just enough to show row `index` whole (a keyboard move). */
  scrollToIndex(index: number): void;
  scrollToTop(): void;
}

export function createVirtualRows(options: {
  count: Accessor<number>;
  rowHeightPx: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
  overscanRows: number;
}): VirtualRows {
  const { rowHeightPx: rowPx, overscanRows } = options;
  let viewport: HTMLElement | undefined;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [height, setHeight] = createSignal(0);

  const range = createMemo(() => {
    const first = Math.max(0, Math.floor(scrollTop() / rowPx) - overscanRows);
    const shown = Math.ceil(height() / rowPx) + 1 + 2 * overscanRows;
    return { first, last: Math.min(options.count(), first + shown) };
  });

  onMount(() => {
    const element = viewport!;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    onCleanup(() => observer.disconnect());
  });

  return {
    ref: (element) => (viewport = element),
    onScroll: () => setScrollTop(viewport!.scrollTop),
    scrollTop,
    height,
    range,
    top: (index) => index * rowPx,
    spacerHeight: () => options.count() * rowPx,
    scrollToIndex(index) {
      const element = viewport!;
      const top = index * rowPx;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowPx > element.scrollTop + element.clientHeight) {
        element.scrollTop = top + rowPx - element.clientHeight;
      }
      setScrollTop(element.scrollTop);
    },
    scrollToTop() {
      if (viewport) viewport.scrollTop = 0;
      setScrollTop(0);
    },
  };
}

// The live message list: virtualized fixed-height rows, newest first, steady while being read.
import {
  For,
  Show,
  createEffect,
  createMemo,
  createSignal,
  on,
  onCleanup,
  onMount,
} from 'solid-js';
import { formatCount } from '../lib/payload-format';
import { useHistory } from '../stores/history';
import { useMessages } from '../stores/messages';
import { MessageRow, ROW_HEIGHT_PX } from './MessageRow';

/** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
const OVERSCAN_ROWS = 8;
/** Within this distance of the top the person is watching live: new rows simply appear. */
const AT_TOP_PX = 4;

export function MessageList() {
  const messages = useMessages();
  const history = useHistory();
  let viewport!: HTMLDivElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewportHeight, setViewportHeight] = createSignal(0);
  const [unseen, setUnseen] = createSignal(0);

  const range = createMemo(() => {
    const count = messages.items().length;
    const first = Math.max(0, Math.floor(scrollTop() / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
    const visibleRows = Math.ceil(viewportHeight() / ROW_HEIGHT_PX) + 1;
    return { first, last: Math.min(count, first + visibleRows + 2 * OVERSCAN_ROWS) };
  });
  const visible = createMemo(() => messages.items().slice(range().first, range().last));

  // New rows arrive at the top. When the person has scrolled down, move the scroll position by
  // exactly the rows added so what they are reading stays put, and count them for the pill.
  let previousTopId: number | undefined;
  createEffect(
    on(messages.items, (items) => {
      const oldTop = previousTopId;
      previousTopId = items[0]?.id;
      if (oldTop === undefined) return;
      let added = 0;
      while (added < items.length && (items[added]?.id ?? 0) > oldTop) added++;
      if (added === 0 || viewport.scrollTop <= AT_TOP_PX) return;
      viewport.scrollTop += added * ROW_HEIGHT_PX;
      setScrollTop(viewport.scrollTop);
      setUnseen((n) => n + added);
    }),
  );

  onMount(() => {
    const observer = new ResizeObserver(() => setViewportHeight(viewport.clientHeight));
    observer.observe(viewport);
    setViewportHeight(viewport.clientHeight);
    onCleanup(() => observer.disconnect());
  });

  function onScroll() {
    setScrollTop(viewport.scrollTop);
    if (viewport.scrollTop <= AT_TOP_PX) setUnseen(0);
  }

  function jumpToTop() {
    viewport.scrollTop = 0;
    setScrollTop(0);
    setUnseen(0);
  }

  function moveSelection(step: number) {
    const items = messages.items();
    const current = items.findIndex((m) => m.id === messages.selectedId());
    const index = Math.min(items.length - 1, Math.max(0, current + step));
    const target = items[index];
    if (!target) return;
    messages.select(target.id);
    const top = index * ROW_HEIGHT_PX;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + ROW_HEIGHT_PX > viewport.scrollTop + viewport.clientHeight) {
      viewport.scrollTop = top + ROW_HEIGHT_PX - viewport.clientHeight;
    }
  }

  return (
    <section class="card messages" aria-label="Messages">
      <header class="card-head">
        <h2 class="card-title">Messages</h2>
        <span class="muted small">
          {formatCount(messages.items().length)} shown · {formatCount(history.stored())} stored
        </span>
      </header>
      <div class="msg-frame">
        <div
          ref={viewport}
          class="msg-viewport"
          tabindex="0"
          aria-label="Message list, newest first; arrow keys select"
          onScroll={onScroll}
          onKeyDown={(event) => {
            if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
            event.preventDefault();
            moveSelection(event.key === 'ArrowDown' ? 1 : -1);
          }}
        >
          <div
            class="msg-spacer"
            style={{ height: `${messages.items().length * ROW_HEIGHT_PX}px` }}
          >
            <For each={visible()}>
              {(message, i) => (
                <MessageRow
                  message={message}
                  top={(range().first + i()) * ROW_HEIGHT_PX}
                  selected={messages.selectedId() === message.id}
                  onSelect={() => messages.select(message.id)}
                />
              )}
            </For>
          </div>
          <Show when={messages.items().length === 0}>
            <p class="empty-note centered">
              {messages.loading() ? 'Reading history…' : 'No messages yet. Connect and subscribe.'}
            </p>
          </Show>
        </div>
        <Show when={unseen() > 0}>
          <button type="button" class="new-pill" onClick={jumpToTop}>
            ↑ {formatCount(unseen())} new
          </button>
        </Show>
      </div>
      <footer class="card-foot">
        <Show when={messages.loadError()}>
          <span class="form-error" role="alert">
            {messages.loadError()}
          </span>
        </Show>
        <Show when={messages.hasOlder()}>
          <button
            type="button"
            class="btn small"
            disabled={messages.loading() || messages.atMemoryLimit()}
            onClick={() => void messages.loadOlder()}
          >
            Load older
          </button>
          <Show when={messages.atMemoryLimit()}>
            <span class="muted small">
              The newest {formatCount(messages.items().length)} are shown.
            </span>
          </Show>
        </Show>
      </footer>
    </section>
  );
}

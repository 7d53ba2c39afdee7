// The live message list: virtualized fixed-height rows, newest first, steady while being read.
import { Index, Show, createEffect, createMemo } from 'solid-js';
import { chunkView } from '../ui/chunk-view';
import { formatCount } from '../ui/payload-format';
import { createVirtualRows } from '../ui/virtual-rows';
import { useConnection } from '../connection/connection';
import { useHistory } from './stored-history';
import { useMessages } from './messages';
import { MessageRow, ROW_HEIGHT_PX } from './MessageRow';

const ConnectionFilter = chunkView(
  async () => ({ default: (await import('../connection/ConnectionsBar')).ConnectionFilter }),
  'The connection filter',
);

/** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
const OVERSCAN_ROWS = 8;
/** Within this distance of the top the person is watching live: new rows simply appear. */
const AT_TOP_PX = 4;

export function MessageList() {
  const messages = useMessages();
  const history = useHistory();
  const connection = useConnection();
  // Rows carry their connection's colour once there is more than one to tell apart.
  const several = () => connection.ids().length > 1;
  const view = createVirtualRows({
    count: messages.count,
    rowHeightPx: ROW_HEIGHT_PX,
    overscanRows: OVERSCAN_ROWS,
  });
  // Only the rows near the viewport are read from the store, whatever the list holds.
  const visible = createMemo(() => messages.slice(view.range().first, view.range().last));

  // Scrolled down, the person is reading: the list holds still (new rows wait, the pill counts
  // them) instead of moving under them, and nothing here reads layout while a stream runs.
  const reading = createMemo(() => view.scrollTop() > AT_TOP_PX);
  createEffect(() => messages.hold(reading()));

  function moveSelection(step: number) {
    const selected = messages.selectedId();
    const current = selected === undefined ? -1 : messages.indexOfId(selected);
    const index = Math.min(messages.count() - 1, Math.max(0, current + step));
    const target = messages.at(index);
    if (!target) return;
    messages.select(target.id);
    view.scrollToIndex(index);
  }

  return (
    <section class="card messages" data-pane="messages" aria-label="Messages">
      <header class="card-head">
        <h2 class="card-title">Messages</h2>
        <span class="muted small">
          {formatCount(messages.count())} shown · {formatCount(history.stored())} stored
        </span>
        <Show when={several()}>
          <ConnectionFilter />
        </Show>
      </header>
      <Show when={messages.topicFilter()}>
        {(filter) => (
          <p class="msg-filter-chip" role="status">
            <span>
              Only <code>{filter()}</code>
            </span>
            <button
              type="button"
              class="btn small"
              onClick={() => void messages.setTopicFilter(undefined)}
            >
              Show all
            </button>
          </p>
        )}
      </Show>
      <div class="msg-frame">
        <div
          ref={view.ref}
          class="msg-viewport"
          tabindex="0"
          aria-label="Message list, newest first; arrow keys select"
          onScroll={view.onScroll}
          onKeyDown={(event) => {
            if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
            event.preventDefault();
            moveSelection(event.key === 'ArrowDown' ? 1 : -1);
          }}
        >
          <div class="msg-spacer" style={{ height: `${view.spacerHeight()}px` }}>
            {/* Rows are slots by position: a new batch updates their text, it creates no nodes. */}
            <Index each={visible()}>
              {(message, i) => (
                <MessageRow
                  message={message()}
                  top={view.top(view.range().first + i)}
                  selected={messages.selectedId() === message().id}
                  onSelect={() => messages.select(message().id)}
                  withConnection={several()}
                />
              )}
            </Index>
          </div>
          <Show when={messages.count() === 0}>
            <p class="empty-note centered">
              {messages.loading()
                ? 'Reading history…'
                : messages.topicFilter() || messages.connectionFilter()
                  ? 'No messages here yet.'
                  : 'No messages yet. Connect and subscribe.'}
            </p>
          </Show>
        </div>
        <Show when={messages.unseen() > 0}>
          <button type="button" class="new-pill" onClick={view.scrollToTop}>
            ↑ {formatCount(messages.unseen())} new
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
            <span class="muted small">The newest {formatCount(messages.count())} are shown.</span>
          </Show>
        </Show>
      </footer>
    </section>
  );
}

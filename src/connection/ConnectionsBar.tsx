// The connections side by side (a chunk of its own, loaded when the first connection shows): each
// with its colour, name and state in words, chosen with a click, ended with ×; and the message
// list's "Connection" filter.
import { For, createEffect } from 'solid-js';
import { connectionColour } from './connection-colour';
import { connectionName } from './connection-name';
import { hashOf } from '../app/route';
import { statusWords } from './status-text';
import { useConnection } from './connection';
import { chooseConnection, newConnection } from './connection-choose';
import { useMessages } from '../messages/messages';
import './connections.css';

export default function ConnectionsBar() {
  const connection = useConnection();
  // The next Connect opens another connection beside these: the form shows, fresh, to fill in.
  const startNew = () => {
    newConnection(connection);
    location.hash = hashOf('connection');
    setTimeout(() => document.getElementById('broker-url')?.focus());
  };
  let bar!: HTMLElement;
  // On a phone the bar scrolls sideways: the selected connection is kept in sight.
  createEffect(() => {
    if (connection.selectedId() === undefined) return;
    bar
      .querySelector('.conn-item.selected')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
  return (
    <nav ref={bar} class="conn-bar" aria-label="Connections">
      <ul class="conn-list">
        <For each={connection.openIds()}>
          {(id) => {
            const name = connectionName(id);
            const status = () => connection.statuses[id];
            const selected = () => connection.selectedId() === id;
            return (
              <li
                class="conn-item"
                classList={{ selected: selected() }}
                data-state={status()?.state}
                style={{ '--conn': connectionColour(id) }}
              >
                <button
                  type="button"
                  class="conn-pick"
                  aria-pressed={selected()}
                  title={id}
                  onClick={() => chooseConnection(connection, id)}
                >
                  <span class="conn-swatch" aria-hidden="true" />
                  <span class="conn-name">{name}</span>
                  {/* The leading space keeps name and state apart in the accessible name. */}
                  <span class="conn-state">
                    {' '}
                    {status() ? statusWords(status()!).label.split(' · ')[0] : ''}
                  </span>
                </button>
                <button
                  type="button"
                  class="conn-close"
                  aria-label={`Disconnect ${name}`}
                  title={`Disconnect ${name}`}
                  onClick={() => void connection.disconnect(id)}
                >
                  ×
                </button>
              </li>
            );
          }}
        </For>
      </ul>
      <button type="button" class="conn-new" onClick={startNew}>
        <span aria-hidden="true">+ </span>New connection
      </button>
    </nav>
  );
}

/** "All connections" or one: the message list shows only that connection's messages. */
export function ConnectionFilter() {
  const connection = useConnection();
  const messages = useMessages();
  return (
    <span class="conn-filter muted small">
      <label for="connection-filter">Connection</label>
      <select
        id="connection-filter"
        value={messages.connectionFilter() ?? ''}
        onChange={(e) => void messages.setConnectionFilter(e.currentTarget.value || undefined)}
      >
        <option value="">All connections</option>
        <For each={connection.ids()}>
          {(id) => <option value={id}>{connectionName(id)}</option>}
        </For>
      </select>
    </span>
  );
}

// The page layout: header with status and stored count, a side column of forms, list and detail.
import { Show } from 'solid-js';
import { ConnectionPanel } from './components/ConnectionPanel';
import { MessageDetail } from './components/MessageDetail';
import { MessageList } from './components/MessageList';
import { PublishPanel } from './components/PublishPanel';
import { StatusBadge } from './components/StatusBadge';
import { StoredCount } from './components/StoredCount';
import { SubscriptionsPanel } from './components/SubscriptionsPanel';
import { DeckProvider } from './stores/DeckProvider';
import { useConnection } from './stores/connection';
import { useHistory } from './stores/history';

function Banners() {
  const connection = useConnection();
  const history = useHistory();
  return (
    <>
      <Show when={connection.workerFailure()}>
        {(message) => (
          <div class="banner bad" role="alert">
            {message()}
          </div>
        )}
      </Show>
      <Show when={history.error()}>
        {(error) => (
          <div class="banner warn" role="alert">
            Messages are not being saved to history: {error().message}
          </div>
        )}
      </Show>
    </>
  );
}

export function App() {
  return (
    <DeckProvider>
      <div class="app">
        <header class="topbar">
          <div class="brand">
            <img src="./favicon.svg" alt="" width="24" height="24" />
            <span>MQTT Deck</span>
          </div>
          <StatusBadge />
          <StoredCount />
        </header>
        <Banners />
        <main class="layout">
          <div class="side">
            <ConnectionPanel />
            <SubscriptionsPanel />
            <PublishPanel />
          </div>
          <MessageList />
          <MessageDetail />
        </main>
      </div>
    </DeckProvider>
  );
}

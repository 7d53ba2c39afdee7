// Creates every domain store once, feeds them the worker's events, and provides them to the app.
import { batch, onCleanup, onMount, type ParentProps } from 'solid-js';
import type { DeckEvent } from '../../shared/protocol';
import { deckBridge } from '../worker-bridge';
import { ConnectionContext, createConnection } from '../connection/connection';
import { HistoryContext, createHistory } from '../messages/stored-history';
import { MessagesContext, createMessages } from '../messages/messages';
import { loadMqtt5 } from '../mqtt5/mqtt5-view';
import { OutboxContext, createOutbox } from '../publish/outbox';
import { PublishContext, createPublish } from '../publish/publish';
import { StorageContext, createStorage } from '../history/storage/storage';
import { SubscriptionsContext, createSubscriptions } from '../subscriptions/subscriptions';

export function DeckProvider(props: ParentProps) {
  const bridge = deckBridge();
  const connection = createConnection(bridge);
  const subscriptions = createSubscriptions(bridge, connection.selectedId);
  const messages = createMessages(bridge);
  const history = createHistory();
  const publish = createPublish(bridge, connection.selectedId, () =>
    loadMqtt5().then((chunk) => chunk.publishOptions5),
  );
  const outbox = createOutbox(bridge);
  const storage = createStorage();
  let sawHistoryEvent = false;

  /** First run against the dev broker: subscribe to what it suggests, so data shows at once. */
  function subscribeSuggested() {
    const filters = connection.takeSuggestedFilters();
    if (subscriptions.list.length > 0) return;
    for (const filter of filters) void subscriptions.subscribeTo(filter, 0);
  }

  function dispatch(event: DeckEvent) {
    switch (event.type) {
      case 'status':
        connection.applyStatus(event);
        if (event.state === 'connected') subscribeSuggested();
        // Data starts arriving: the moment to ask the browser to keep it (Window-only API).
        if (event.state === 'connected') storage.persistOnFirstConnection();
        return;
      case 'subscription':
        return subscriptions.apply(event);
      case 'outbox':
        return outbox.apply(event);
      case 'messages':
        return messages.receive(event.messages, event.received);
      case 'history':
        sawHistoryEvent = true;
        return history.apply(event);
    }
  }

  async function start() {
    void connection.load();
    void outbox.load();
    try {
      const snapshot = await bridge.snapshot();
      batch(() => {
        // Every connection the worker holds, oldest first (their colours); the default selected.
        for (const c of snapshot.connections ?? []) {
          connection.applyStatus({ ...c.status, connectionId: c.connectionId });
        }
        connection.applyStatus(snapshot.status);
        if (snapshot.status.connectionId !== undefined) {
          connection.select(snapshot.status.connectionId);
        }
        subscriptions.reset(snapshot);
        if (!sawHistoryEvent)
          history.apply({ stored: snapshot.stored, error: snapshot.storageError });
      });
    } catch {
      return; // a dead worker is reported through onFailure
    }
    void messages.loadNewest();
  }

  onMount(() => {
    const offEvents = bridge.onEvents((events) => batch(() => events.forEach(dispatch)));
    const offFailure = bridge.onFailure((message) => connection.failWorker(message));
    // A phone that woke, a tab brought back, the network back: reconnect now, not after the
    // backoff. 'online' is heard here too, as not every browser fires it in workers.
    const back = () => {
      if (document.visibilityState === 'visible') void bridge.retryNow().catch(() => {});
    };
    const targets = [
      [document, 'visibilitychange'],
      [window, 'pageshow'],
      [window, 'online'],
    ] as const;
    for (const [target, type] of targets) target.addEventListener(type, back);
    onCleanup(() => {
      offEvents();
      offFailure();
      for (const [target, type] of targets) target.removeEventListener(type, back);
    });
    void start();
  });

  return (
    <ConnectionContext.Provider value={connection}>
      <SubscriptionsContext.Provider value={subscriptions}>
        <MessagesContext.Provider value={messages}>
          <HistoryContext.Provider value={history}>
            <PublishContext.Provider value={publish}>
              <StorageContext.Provider value={storage}>
                <OutboxContext.Provider value={outbox}>{props.children}</OutboxContext.Provider>
              </StorageContext.Provider>
            </PublishContext.Provider>
          </HistoryContext.Provider>
        </MessagesContext.Provider>
      </SubscriptionsContext.Provider>
    </ConnectionContext.Provider>
  );
}

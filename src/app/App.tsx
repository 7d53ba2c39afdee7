// The app shell: header, banners, the view switch, and the panes each view shows (see frame.css
// for which panes a phone, a tablet and a wall screen show at once); or, for a #/kiosk/<id>
// hash, one dashboard alone (src/kiosk/).
import { Show, createEffect, on } from 'solid-js';
import { ConnectionBanner } from '../connection/ConnectionBanner';
import { ConnectionPanel } from '../connection/ConnectionPanel';
import { MessageDetail } from '../messages/MessageDetail';
import { MessageList } from '../messages/MessageList';
import { NavBar } from './NavBar';
import { DashboardsView, HistoryView } from './PlaceholderViews';
import { PublishPanel } from '../publish/PublishPanel';
import { StatusBadge } from '../connection/StatusBadge';
import { StoredCount } from '../messages/StoredCount';
import { SubscriptionsPanel } from '../subscriptions/SubscriptionsPanel';
import { ThemeSwitch } from './ThemeSwitch';
import { UpdateBanner } from './UpdateBanner';
import { KioskRoute } from '../kiosk/KioskRoute';
import { chunkView } from '../ui/chunk-view';
import { currentView, kioskDashboardId } from './route';
import { DeckProvider } from './DeckProvider';
import { useConnection } from '../connection/connection';
import { useHistory } from '../messages/stored-history';

/** Saved connection profiles, in a chunk of their own (src/profiles/). */
const ProfilesView = chunkView(() => import('../profiles/ProfilesView'), 'The Profiles view');

function Banners() {
  const connection = useConnection();
  const history = useHistory();
  return (
    <>
      <UpdateBanner />
      <ConnectionBanner />
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

/** Where every pane is on screen at once, a switch brings the chosen one into view. */
function revealPaneOnSwitch(layout: () => HTMLElement) {
  createEffect(
    on(
      currentView,
      (view) => {
        const pane = layout().querySelector<HTMLElement>(`[data-pane='${view}']`);
        if (pane?.offsetParent) pane.scrollIntoView({ block: 'nearest' });
      },
      { defer: true },
    ),
  );
}

function Shell() {
  let layout!: HTMLElement;
  revealPaneOnSwitch(() => layout);
  return (
    <div class="app">
      <header class="topbar">
        <div class="brand">
          <img src="./favicon.svg" alt="" width="24" height="24" />
          <span>MQTT Deck</span>
        </div>
        <StatusBadge />
        <StoredCount />
        <ThemeSwitch />
      </header>
      <Banners />
      <NavBar />
      <main ref={layout} class="layout" data-view={currentView()}>
        <div class="side">
          <div class="pane" data-pane="connection">
            <ConnectionPanel />
          </div>
          <div class="pane" data-pane="subscriptions">
            <SubscriptionsPanel />
          </div>
          <div class="pane" data-pane="publish">
            <PublishPanel />
          </div>
        </div>
        <MessageList />
        <MessageDetail />
        <Show when={currentView() === 'dashboards'}>
          <DashboardsView />
        </Show>
        <Show when={currentView() === 'history'}>
          <HistoryView />
        </Show>
        <Show when={currentView() === 'profiles'}>
          <ProfilesView />
        </Show>
      </main>
    </div>
  );
}

export function App() {
  return (
    <DeckProvider>
      <Show when={kioskDashboardId()} keyed fallback={<Shell />}>
        {(id) => <KioskRoute dashboardId={id} />}
      </Show>
    </DeckProvider>
  );
}

// The current route, kept in the URL hash so that a view is linkable and Back works: a view
// (#/messages) or a dashboard shown alone as a kiosk (#/kiosk/<dashboard id>).
import { createSignal } from 'solid-js';

export const VIEWS = [
  'connection',
  'subscriptions',
  'messages',
  'publish',
  'dashboards',
  'history',
  /** Saved connection profiles: reached from the connection form, not the nav bar. */
  'profiles',
] as const;
export type View = (typeof VIEWS)[number];

export type Route = { kind: 'view'; view: View } | { kind: 'kiosk'; dashboardId: string };

/** What an empty or unknown hash shows: the form a first visit needs. */
const DEFAULT_VIEW: View = 'connection';
/** `#/kiosk/<id>`: the id is URI-encoded, so any id a dashboard may have survives the URL. */
const KIOSK_PREFIX = '#/kiosk/';

export function routeFromHash(hash: string): Route {
  if (hash.startsWith(KIOSK_PREFIX)) {
    // A query after the id (?…) is not part of it: the hash names the dashboard only.
    const raw = hash.slice(KIOSK_PREFIX.length).split('?')[0] ?? '';
    let dashboardId = raw;
    try {
      dashboardId = decodeURIComponent(raw);
    } catch {
      // A malformed escape stays as typed; the kiosk then says no dashboard has that id.
    }
    return { kind: 'kiosk', dashboardId };
  }
  return { kind: 'view', view: viewFromHash(hash) };
}

export function viewFromHash(hash: string): View {
  const name = hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : DEFAULT_VIEW;
}

export function hashOf(view: View): string {
  return `#/${view}`;
}

/** The hash that opens dashboard `id` as a kiosk. */
export function kioskHash(id: string): string {
  return `${KIOSK_PREFIX}${encodeURIComponent(id)}`;
}

const [route, setRoute] = createSignal<Route>(routeFromHash(location.hash));
// One listener for the page's life: the router is as long-lived as the document.
window.addEventListener('hashchange', () => setRoute(routeFromHash(location.hash)));

/** The route the hash names; links change it, so the browser's history holds every switch. */
export const currentRoute = route;

/** The view the hash names (the default view while a kiosk is shown). */
export function currentView(): View {
  const r = route();
  return r.kind === 'view' ? r.view : DEFAULT_VIEW;
}

/** The dashboard id of a kiosk route, undefined for a view. */
export function kioskDashboardId(): string | undefined {
  const r = route();
  return r.kind === 'kiosk' ? r.dashboardId : undefined;
}

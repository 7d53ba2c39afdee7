// The current view, kept in the URL hash (#/messages) so that a view is linkable and Back works.
import { createSignal } from 'solid-js';

export const VIEWS = [
  'connection',
  'subscriptions',
  'messages',
  'publish',
  'dashboards',
  'history',
] as const;
export type View = (typeof VIEWS)[number];

/** What an empty or unknown hash shows: the form a first visit needs. */
const DEFAULT_VIEW: View = 'connection';

export function viewFromHash(hash: string): View {
  const name = hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : DEFAULT_VIEW;
}

export function hashOf(view: View): string {
  return `#/${view}`;
}

const [view, setView] = createSignal<View>(viewFromHash(location.hash));
// One listener for the page's life: the router is as long-lived as the document.
window.addEventListener('hashchange', () => setView(viewFromHash(location.hash)));

/** The view the hash names; links change it, so the browser's history holds every switch. */
export const currentView = view;

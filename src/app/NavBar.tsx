// The view switch: six links (never buttons, so they cannot pass for the actions of the same
// name), a bottom tab bar on phones and a strip under the header on larger screens.
import { For } from 'solid-js';
import { currentView, hashOf, type View } from './route';

interface NavEntry {
  view: View;
  label: string;
  /** A 24×24 outline icon, one path. */
  icon: string;
}

const ENTRIES: readonly NavEntry[] = [
  {
    view: 'connection',
    label: 'Connection',
    icon: 'M7 7h10v5a5 5 0 0 1-10 0zM10 7V3M14 7V3M12 17v4',
  },
  { view: 'subscriptions', label: 'Subscriptions', icon: 'M4 5h16M4 12h16M4 19h10' },
  { view: 'messages', label: 'Messages', icon: 'M4 5h16v11H9l-5 4z' },
  { view: 'publish', label: 'Publish', icon: 'M4 12l16-8-6 16-3-7z' },
  {
    view: 'dashboards',
    label: 'Dashboards',
    icon: 'M4 4h7v7H4zM13 4h7v4h-7zM13 10h7v10h-7zM4 13h7v7H4z',
  },
  { view: 'history', label: 'History', icon: 'M12 7v5l3 2M4 12a8 8 0 1 0 2.3-5.7M4 4v4h4' },
];

/** Profiles belong to the connection form (its "Manage profiles" link): no tab of their own. */
const viewOfNav = (): View => (currentView() === 'profiles' ? 'connection' : currentView());

export function NavBar() {
  return (
    <nav class="nav" aria-label="Views">
      <For each={ENTRIES}>
        {(entry) => (
          <a
            class="nav-link"
            href={hashOf(entry.view)}
            aria-current={viewOfNav() === entry.view ? 'page' : undefined}
          >
            <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true">
              <path d={entry.icon} />
            </svg>
            <span class="nav-label">{entry.label}</span>
          </a>
        )}
      </For>
    </nav>
  );
}

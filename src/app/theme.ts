// The colour theme preference: follow the system, or force light or dark; kept in localStorage.
import { createSignal } from 'solid-js';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** A UI preference of this browser, not MQTT data: it lives beside, not in, IndexedDB. */
const STORAGE_KEY = 'mqtt-deck.theme';

function readStored(): Theme {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (THEMES as readonly (string | null)[]).includes(value) ? (value as Theme) : 'system';
  } catch {
    // Storage can be blocked (private modes, policies); the system theme is a fine fallback.
    return 'system';
  }
}

/** The CSS reads `data-theme` on <html>; without it, `color-scheme: light dark` follows the system. */
function apply(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

const INITIAL_THEME = readStored();
const [theme, setThemeSignal] = createSignal<Theme>(INITIAL_THEME);
apply(INITIAL_THEME);

export const currentTheme = theme;

export function setTheme(next: Theme): void {
  setThemeSignal(next);
  apply(next);
  try {
    if (next === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted, but applied for this visit.
  }
}

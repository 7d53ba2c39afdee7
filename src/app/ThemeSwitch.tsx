// The theme switch: System, Light or Dark, a native select so keyboard and screen readers get it free.
import { For } from 'solid-js';
import { THEMES, currentTheme, setTheme, type Theme } from './theme';

const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeSwitch() {
  return (
    <label class="theme-switch">
      <span class="theme-label" aria-hidden="true">
        Theme
      </span>
      <select
        aria-label="Theme"
        value={currentTheme()}
        onChange={(event) => setTheme(event.currentTarget.value as Theme)}
      >
        <For each={THEMES}>{(theme) => <option value={theme}>{LABELS[theme]}</option>}</For>
      </select>
    </label>
  );
}

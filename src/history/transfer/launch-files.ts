// The manifest's file handler: `.ndjson` files the installed app is opened with arrive on
// `window.launchQueue`; they wait here for the History view's Import & export tab, which imports
// each into a capture. In the first paint, so it stays tiny: the import itself is in the chunk.
import { createSignal } from 'solid-js';

// Not in TypeScript's DOM library yet (Chromium's File Handling API).
interface LaunchParams {
  readonly files: readonly FileSystemHandle[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

const [pending, setPending] = createSignal<readonly FileSystemFileHandle[]>([]);

/** Files launched and not yet taken by the History view. */
export const launchedFiles = pending;

/** Hands the waiting files over (once: they are forgotten here). */
export function takeLaunchedFiles(): readonly FileSystemFileHandle[] {
  const files = pending();
  if (files.length > 0) setPending([]);
  return files;
}

const queue = (window as Window & { launchQueue?: LaunchQueue }).launchQueue;
queue?.setConsumer((params) => {
  const files = params.files.filter((h): h is FileSystemFileHandle => h.kind === 'file');
  if (files.length === 0) return;
  setPending((waiting) => [...waiting, ...files]);
  location.hash = '#/history';
});

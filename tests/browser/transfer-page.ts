// What the transfer tests put into the page before the app starts: stand-ins for the browser's
// file pickers and launch queue (headless Chromium can drive neither), a record of the progress
// bars shown, and NDJSON exports built in Node.
import type { Page } from 'playwright-core';

export const PICKED_FILE = 'picked-export';

declare global {
  interface Window {
    /** Every aria-valuetext a progress bar showed, in order. */
    __progress?: string[];
    /** The suggested names the stand-in save picker was called with. */
    __pickerCalls?: string[];
    /** When set, the stand-in picker answers as a user closing it. */
    __pickerAbort?: boolean;
    /** The consumer the app gave the stand-in launch queue. */
    __launchConsumer?: (params: { files: FileSystemHandle[] }) => void;
    showSaveFilePicker?: (options?: { suggestedName?: string }) => Promise<FileSystemFileHandle>;
  }
}

/** Records what progress bars say, so a fast transfer's progress is still seen. */
export function recordProgress(page: Page): Promise<unknown> {
  return page.addInitScript(() => {
    const seen: string[] = [];
    window.__progress = seen;
    new MutationObserver(() => {
      for (const bar of Array.from(document.querySelectorAll('[role="progressbar"]'))) {
        const text = bar.getAttribute('aria-valuetext');
        if (text && seen.at(-1) !== text) seen.push(text);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

/**
 * The save picker answers with a file in the origin's private file system: a real
 * FileSystemFileHandle, the same API a picked file offers, which the app passes to its worker.
 */
export function standInSavePicker(page: Page): Promise<unknown> {
  return page.addInitScript((name) => {
    window.__pickerCalls = [];
    window.showSaveFilePicker = async (options) => {
      window.__pickerCalls?.push(options?.suggestedName ?? '');
      if (window.__pickerAbort) throw new DOMException('The user aborted a request.', 'AbortError');
      const root = await navigator.storage.getDirectory();
      return root.getFileHandle(name, { create: true });
    };
  }, PICKED_FILE);
}

/** A browser without the File System Access API: the app falls back to a download. */
export function withoutSavePicker(page: Page): Promise<unknown> {
  return page.addInitScript(() => {
    delete window.showSaveFilePicker;
    delete (Window.prototype as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
}

/** Headless Chromium never launches a file handler: this queue keeps the app's consumer. */
export function standInLaunchQueue(page: Page): Promise<unknown> {
  return page.addInitScript(() => {
    Object.defineProperty(window, 'launchQueue', {
      value: {
        setConsumer(consumer: (params: { files: FileSystemHandle[] }) => void) {
          window.__launchConsumer = consumer;
        },
      },
    });
  });
}

/** Writes `text` into the private file system and hands it to the app as a launched file. */
export function launchFile(page: Page, name: string, text: string): Promise<void> {
  return page.evaluate(
    async ([fileName, content]) => {
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle(fileName, { create: true });
      const writable = await handle.createWritable();
      await writable.write(content);
      await writable.close();
      if (!window.__launchConsumer) throw new Error('the app set no launch consumer');
      window.__launchConsumer({ files: [handle] });
    },
    [name, text] as const,
  );
}

export const FIXTURE_TIME = 1_750_000_000_000;
export const NEEDLE_INDEX = 4_242;

/** An NDJSON export of `count` messages on four topics, one of them a findable needle. */
export function ndjsonExport(count: number, badLines: string[] = []): string {
  const lines = [JSON.stringify({ format: 'mqtt-deck-export', version: 1 })];
  for (let i = 0; i < count; i++) {
    const payload = i === NEEDLE_INDEX ? 'needle in the capture' : `{"t":${i}}`;
    const topic = `plant/line${i % 4}/temp`;
    const message = { id: i + 1, time: FIXTURE_TIME + i * 1_000, topic, qos: i % 3 };
    lines.push(JSON.stringify({ ...message, retain: false, connection: 'ws://plant', payload }));
    if (i === 10) lines.push(...badLines);
  }
  return `${lines.join('\n')}\n`;
}

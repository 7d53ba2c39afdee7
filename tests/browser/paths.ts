// Where the browser tests and the bench find the repository, the production build and Debian's
// Chromium, and the flags every Chromium they start runs with.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** MQTT_DECK_DIST_DIR lets runs side by side build apart (a trailing slash is added). */
export const DIST_DIR = process.env.MQTT_DECK_DIST_DIR
  ? `${resolve(REPO_ROOT, process.env.MQTT_DECK_DIST_DIR)}/`
  : fileURLToPath(new URL('../../dist/', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless on a closed network: nothing of Chromium's own may try to reach out or update. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

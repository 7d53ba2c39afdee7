// Launches Debian's headless Chromium ourselves, with a fresh profile and a DevTools port of 0,
// and connects the raw CDP client to it (no Playwright, so no Network instrumentation).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/browser/paths';
import { stopChild } from '../fixtures/servers/child-process';
import { CdpClient } from './cdp-client';

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 50;
export const VIEWPORT = { width: 1280, height: 900 };

const BENCH_CHROMIUM_ARGS = [
  '--headless',
  ...CHROMIUM_ARGS,
  '--no-default-browser-check',
  // Several targets share one browser: none of them may be throttled as a background tab.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
  '--remote-debugging-port=0',
];

export interface Chromium {
  cdp: CdpClient;
  /** The browser process; its descendants are the renderer, network and storage services. */
  pid: number;
  close(): Promise<void>;
}

async function readDevToolsEndpoint(userDataDir: string, child: ChildProcess): Promise<string> {
  const file = join(userDataDir, 'DevToolsActivePort');
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`chromium exited with code ${child.exitCode}`);
    const text = await readFile(file, 'utf8').catch(() => '');
    const [port, path] = text.split('\n');
    if (port && path) return `ws://127.0.0.1:${port}${path}`;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`chromium wrote no ${file} within ${START_TIMEOUT_MS} ms`);
}

export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\`, ` +
        'or set CHROMIUM_PATH.',
    );
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'deck-bench-chromium-'));
  const child = spawn(CHROMIUM_PATH, [...BENCH_CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep only the tail: Chromium can be chatty, and only a failure to start is reported.
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const kill = async () => {
    await stopChild(child, exited, STOP_TIMEOUT_MS);
    // Chromium's helpers may hold files a moment after the browser exits.
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };

  try {
    const endpoint = await readDevToolsEndpoint(userDataDir, child);
    const cdp = await CdpClient.connect(endpoint);
    const close = async () => {
      await cdp.send('Browser.close').catch(() => undefined);
      cdp.close();
      await kill();
    };
    return { cdp, pid: child.pid ?? 0, close };
  } catch (error) {
    await kill();
    throw new Error(`chromium did not start: ${(error as Error).message}\n${stderr}`);
  }
}

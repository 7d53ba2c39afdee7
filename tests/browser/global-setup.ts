// Vitest globalSetup for the browser project: checks Chromium exists and builds the app into dist/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH, DIST_DIR, REPO_ROOT } from './paths';

// Set to reuse an existing dist/ while iterating on tests; never set in CI.
const SKIP_BUILD = process.env.MQTT_DECK_SKIP_BUILD === '1';

export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need it. ` +
        'Install it with `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  if (SKIP_BUILD && existsSync(join(DIST_DIR, 'index.html'))) return;

  // The tests drive the production build, the same files `npm start` serves.
  // Vitest sets NODE_ENV=test, which would give the build Solid's development runtime.
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', DIST_DIR], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) {
    throw new Error(
      `vite build failed (exit ${build.status ?? build.signal}), so the browser tests cannot run:\n` +
        `${build.stdout}\n${build.stderr}`,
    );
  }
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(`vite build succeeded but ${DIST_DIR}index.html is missing`);
  }
}

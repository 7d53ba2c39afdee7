// Two layers: Node unit tests, and browser tests that drive Debian's Chromium: the worker's modules
// and API in a page (tests/worker/), the built app through its UI (tests/e2e/), and the bench's smoke run.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'browser',
          include: [
            'tests/worker/**/*.test.ts',
            'tests/e2e/**/*.test.ts',
            'tests/bench/**/*.test.ts',
          ],
          environment: 'node',
          globalSetup: ['tests/fixtures/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

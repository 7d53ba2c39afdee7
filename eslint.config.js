// One linter for every runtime; formatting is Prettier's job, so no stylistic rules here. The
// import rules below are the lint half of the house rules (.dependency-cruiser.cjs is the other).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';

const WORKER_FROM_UI = {
  group: ['**/worker/**'],
  message:
    'The UI reaches the worker only through src/worker-bridge.ts; logic both sides use lives in shared/.',
};

/** The stores: with DeckProvider (which creates the app-wide ones), all that may take the bridge. */
const STORES = [
  'src/app/DeckProvider.tsx',
  'src/connection/connection.ts',
  'src/subscriptions/subscriptions.ts',
  'src/messages/messages.ts',
  'src/messages/previous-message.ts',
  'src/publish/publish.ts',
  'src/publish/outbox.ts',
  'src/decoders/decoder-rules.ts',
  'src/history/explorer.ts',
  'src/history/storage/retention.ts',
  'src/dashboards/dashboards-store.ts',
  'src/dashboards/live-values.ts',
  'src/dashboards/tile-env.ts',
  'src/kiosk/kiosk-connection.ts',
  'src/profiles/profiles.ts',
  'src/templates/saved-payloads-store.ts',
];

const BRIDGE_FROM_VIEWS = {
  group: ['**/worker-bridge'],
  message:
    "Components and helpers reach the worker through their feature's store (its useX(), or the " +
    'store passed in); only the store modules (STORES in eslint.config.js) import the bridge.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'dev-dist/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.{ts,tsx}'], ...solid, languageOptions: { globals: globals.browser } },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/worker-bridge.ts', ...STORES],
    rules: {
      'no-restricted-imports': ['error', { patterns: [WORKER_FROM_UI, BRIDGE_FROM_VIEWS] }],
    },
  },
  {
    files: STORES,
    rules: { 'no-restricted-imports': ['error', { patterns: [WORKER_FROM_UI] }] },
  },
  {
    files: ['src/worker-bridge.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ ...WORKER_FROM_UI, allowTypeImports: true }] },
      ],
    },
  },
  {
    files: ['worker/**/*.ts'],
    languageOptions: { globals: globals.worker },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/**'], message: 'The worker never imports the UI.' }] },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.)|(^|/)(worker|src|tests|broker-dev)(/|$)',
              message: 'shared/ runs everywhere: it imports only shared/, no package.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['broker-dev/**/*.ts', 'tests/**/*.{ts,mjs}', '*.config.{ts,js}', '.ci/**', '*.cjs'],
    languageOptions: { globals: globals.node },
  },
);

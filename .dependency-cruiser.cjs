// The house rules for imports, checked by `npm run deps` (and `npm test`): no cycles, and the
// direction one way, UI → shared, worker entry → domains → storage → shared. Each rule's comment
// is what a newcomer is told when they break it.
/** @type {import('dependency-cruiser').IConfiguration} */

/** The worker's domain folders, lowest first: a folder may import only folders before it. */
const WORKER_LAYERS = [
  'db',
  'events',
  'guard',
  'qos',
  'session',
  'history',
  'outbox',
  'tabs',
  'connections',
  'saved',
];

const layerRules = WORKER_LAYERS.slice(0, -1).map((layer, i) => ({
  name: `worker-layer-${layer}`,
  comment:
    `worker/${layer}/ sits below ${WORKER_LAYERS.slice(i + 1).join(', ')}: it may not import them ` +
    '(the order is WORKER_LAYERS in .dependency-cruiser.cjs; see docs/ARCHITECTURE.md).',
  severity: 'error',
  from: { path: `^worker/${layer}/` },
  to: { path: `^worker/(${WORKER_LAYERS.slice(i + 1).join('|')})/` },
}));

/** Modules that are chunks of their own: imported only with import(), or as types. */
const LAZY = [
  'worker/connections/connections\\.ts',
  'worker/saved/(profiles|templates)-store\\.ts',
  'worker/history/transfer/history-(export|import)\\.ts',
  'worker/history/series/history-series\\.ts',
  'worker/history/storage-info\\.ts',
  'worker/history/retention/history-retention\\.ts',
  'worker/outbox/request-response\\.ts',
  'src/profiles/(ProfilesView|BrokerInfo|save-as)\\.tsx?',
  'src/history/HistoryView\\.tsx',
  'src/dashboards/DashboardsView\\.tsx',
  'src/kiosk/KioskView\\.tsx',
  'src/messages/PayloadPanel\\.tsx',
  'src/templates/SavedPayloads\\.tsx',
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles (type-only ones too) hide which module owns what: break the cycle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-neutral',
      comment:
        'shared/ runs in the page, the worker and Node alike: it imports nothing but shared/.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: '^shared/' },
    },
    {
      name: 'ui-sees-worker-only-through-the-bridge',
      comment:
        'src/ reaches the worker only through src/worker-bridge.ts, and only for its types: ' +
        'logic both sides need belongs in shared/.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/worker-bridge\\.ts$' },
      to: { path: '^worker/' },
    },
    {
      name: 'bridge-imports-worker-types-only',
      comment:
        'The bridge takes the worker API as a type (import type); the worker is its own bundle.',
      severity: 'error',
      from: { path: '^src/worker-bridge\\.ts$' },
      to: { path: '^worker/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'worker-never-imports-ui',
      comment: 'The worker has no DOM: it never imports src/.',
      severity: 'error',
      from: { path: '^worker/' },
      to: { path: '^src/' },
    },
    {
      name: 'worker-entry-on-top',
      comment: 'worker/index.ts and api.ts wire the domains together; no domain imports them.',
      severity: 'error',
      from: { path: '^worker/', pathNot: '^worker/(index|api)\\.ts$' },
      to: { path: '^worker/(index|api)\\.ts$' },
    },
    {
      name: 'db-is-the-bottom',
      comment:
        'worker/db/ (schema, connection, migrations, the segment format) is storage: ' +
        'it imports only itself and shared/.',
      severity: 'error',
      from: { path: '^worker/db/' },
      to: { path: '^worker/', pathNot: '^worker/db/' },
    },
    ...layerRules,
    {
      name: 'dev-tools-stay-in-node',
      comment: 'broker-dev/ is Node: it may use shared/ but not the app (src/, worker/) or tests/.',
      severity: 'error',
      from: { path: '^broker-dev/' },
      to: { path: '^(src|worker|tests)/' },
    },
    {
      name: 'app-never-imports-tests',
      comment: 'Nothing that ships imports tests/.',
      severity: 'error',
      from: { path: '^(src|worker|shared|broker-dev)/' },
      to: { path: '^tests/' },
    },
    {
      name: 'app-uses-only-its-dependencies',
      comment: 'What ships (src, worker, shared) imports only packages in "dependencies".',
      severity: 'error',
      from: { path: '^(src|worker|shared)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lazy-chunks-stay-lazy',
      comment:
        'This module is a chunk of its own, loaded when first used: reach it with import(), ' +
        'or as a type. A static import would pull it into the first paint.',
      severity: 'error',
      from: { path: '^(src|worker)/' },
      to: {
        path: `^(${LAZY.join('|')})$`,
        dependencyTypesNot: ['dynamic-import', 'type-only'],
      },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|dev-dist|\\.tmp|test-results)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.d.ts'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

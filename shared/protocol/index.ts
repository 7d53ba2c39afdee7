// The wire contract between the worker and the UI: plain, structured-clone-safe types (and three
// size constants). Both runtimes read it; it must stay free of runtime code and of DOM or worker
// globals. The calls themselves are the worker's `api` object (worker/api.ts).
export type * from './core';
export type * from './events';
export type * from './history';
export type * from './messages';
export type * from './profiles';
export type * from './stored';
export { OUTBOX_LIST_MAX, PREVIEW_BYTES } from './messages';
export { TOPIC_PREVIEW_BYTES } from './history';

// `mqtt` as the worker build resolves it (vite.config.ts): mqtt.js's CommonJS build bundled with
// browser shims, so only the WebSocket transport and what it uses reach the chunk.
// The same exports as the package's root (build/index.js): every name, and all of them as default.
// Names, not a default import: a default import of a CommonJS module is its whole `exports` here
// (Node's rule for an importer in a "type": "module" package), not mqtt.js's `exports.default`.
import * as mqtt from 'mqtt/mqtt';

export * from 'mqtt/mqtt';
export default mqtt;

// mqtt.js's TCP, TLS, SOCKS, WeChat and Alipay transports for the worker: none. A browser worker
// can only open WebSockets; the transport table then lacks these protocols, as mqtt.js expects
// when a builder is missing.
const transport: undefined = undefined;
export default transport;

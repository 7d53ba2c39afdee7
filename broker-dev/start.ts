// `npm start` (after `vite build`): dev broker, simulated device and the built app, all on 127.0.0.1.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  isAddressInUse,
  portFromEnv,
  startWithPortFallback,
  stopOnSignals,
  UsageError,
  USAGE_EXIT_CODE,
} from './cli-helpers';
import { startDevBroker } from './dev-broker';
import { DEVICE_TOPIC_PREFIX, startSimulatedDevice } from './simulated-device';
import { startStaticServer } from './static-server';

const DEFAULT_BROKER_PORT = 9001;
const DEFAULT_APP_PORT = 5173;
const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** An explicit port from the environment is used as is; a default one falls back if taken. */
function startOnPort<T>(
  envPort: number | undefined,
  defaultPort: number,
  start: (port: number) => Promise<T>,
): Promise<T> {
  return envPort === undefined ? startWithPortFallback(defaultPort, start) : start(envPort);
}

async function main(): Promise<void> {
  let brokerPort: number | undefined;
  let appPort: number | undefined;
  try {
    brokerPort = portFromEnv('DECK_BROKER_PORT');
    appPort = portFromEnv('DECK_APP_PORT');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}`);
    process.exit(USAGE_EXIT_CODE);
  }
  if (!existsSync(`${DIST_DIR}index.html`)) {
    console.error(
      `error: no built app in ${DIST_DIR}; run "npm start" (it builds first) or "npm run build"`,
    );
    process.exit(1);
  }

  const broker = await startOnPort(brokerPort, DEFAULT_BROKER_PORT, (port) =>
    startDevBroker({ port }),
  );
  const stops: Array<() => Promise<void>> = [() => broker.close()];
  // Stop in reverse order of start, so the device says "offline" before its broker goes.
  const stopAll = async (): Promise<void> => {
    for (const stop of [...stops].reverse()) await stop().catch(() => {});
  };
  stopOnSignals(stopAll);
  try {
    const device = await startSimulatedDevice({ brokerUrl: broker.url });
    stops.push(() => device.stop());
    const app = await startOnPort(appPort, DEFAULT_APP_PORT, (port) =>
      startStaticServer({
        root: DIST_DIR,
        port,
        devBrokerUrl: broker.url,
        devSubscriptions: [`${DEVICE_TOPIC_PREFIX}/#`],
      }),
    );
    stops.push(() => app.close());

    console.log(`
  MQTT Deck is running.

    App:     ${app.url}
    Broker:  ${broker.url}   (simulated devices: ${device.deviceIds.join(', ')})

  Open the app and press Connect.
  Press Ctrl-C to stop.
`);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (isAddressInUse(error)) {
    console.error('error: DECK_BROKER_PORT or DECK_APP_PORT names a port already in use');
  }
  console.error('error:', error instanceof Error ? error.message : error);
  process.exit(1);
});

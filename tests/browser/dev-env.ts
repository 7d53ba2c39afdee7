// The servers a browser test runs against: the dev broker, the static app server, the device.
import { startDevBroker, type DevBroker } from '../../broker-dev/dev-broker';
import { startSimulatedDevice, type SimulatedDevice } from '../../broker-dev/simulated-device';
import { startStaticServer, type StaticServer } from '../../broker-dev/static-server';
import type { BrowserSuite } from './harness';
import { DIST_DIR } from './paths';

export interface DevEnvOptions {
  users?: Record<string, string>;
  /** Start the simulated device with this many sensors (none when omitted). */
  devices?: number;
  deviceIntervalMs?: number;
  /** Filters /dev-broker.json suggests for the first connection, as `npm start` does. */
  devSubscriptions?: string[];
}

/** What the broker saw, counted from its hooks and events since the env started. */
export interface BrokerCounts {
  /** CONNECT packets received (accepted or not). */
  connects: number;
  subscribes: number;
  /** PUBLISH packets received from clients, by topic. */
  publishes: Map<string, number>;
  clientErrors: string[];
}

export interface DevEnv {
  broker: DevBroker;
  server: StaticServer;
  device?: SimulatedDevice;
  /** The app's URL on the static server. */
  appUrl: string;
  counts: BrokerCounts;
  /** Stops the broker and the device (idempotent); the static server keeps serving the app. */
  stopBroker(): Promise<void>;
}

function countBroker(broker: DevBroker): BrokerCounts {
  const counts: BrokerCounts = {
    connects: 0,
    subscribes: 0,
    publishes: new Map(),
    clientErrors: [],
  };
  const { aedes } = broker;
  const preConnect = aedes.preConnect.bind(aedes);
  aedes.preConnect = (client, packet, done) => {
    counts.connects++;
    preConnect(client, packet, done);
  };
  aedes.on('subscribe', (subs) => (counts.subscribes += subs.length));
  aedes.on('publish', (packet, client) => {
    if (client) counts.publishes.set(packet.topic, (counts.publishes.get(packet.topic) ?? 0) + 1);
  });
  aedes.on('clientError', (_client, error) => counts.clientErrors.push(error.message));
  return counts;
}

/** Starts broker, device and static server on free 127.0.0.1 ports, stopped after the test. */
export async function startDevEnv(suite: BrowserSuite, opts: DevEnvOptions = {}): Promise<DevEnv> {
  const broker = await startDevBroker({ host: '127.0.0.1', port: 0, users: opts.users });
  const counts = countBroker(broker);
  let device: SimulatedDevice | undefined;
  let stopping: Promise<void> | undefined;
  const stopBroker = () =>
    (stopping ??= (async () => {
      await device?.stop();
      await broker.close();
    })());
  suite.defer(stopBroker);
  if (opts.devices) {
    device = await startSimulatedDevice({
      brokerUrl: broker.url,
      devices: opts.devices,
      intervalMs: opts.deviceIntervalMs ?? 100,
    });
  }
  const server = await startStaticServer({
    root: DIST_DIR,
    host: '127.0.0.1',
    port: 0,
    devBrokerUrl: broker.url,
    devSubscriptions: opts.devSubscriptions,
  });
  suite.defer(() => server.close());
  return { broker, server, device, appUrl: server.url, counts, stopBroker };
}

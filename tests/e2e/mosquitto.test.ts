// The core flow once more against Mosquitto: connect (3.1.1 and 5.0), subscribe, receive, publish.
import { afterAll, describe, expect, test } from 'vitest';
import { DeckApp, type VersionLabel } from '../fixtures/browser/app';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { startMosquitto, type Mosquitto } from '../fixtures/servers/mosquitto';
import { connectNodeClient } from '../fixtures/servers/node-client';

const suite = useBrowserSuite();
// One Mosquitto for the file, started by the first test so a missing binary fails the tests.
let starting: Promise<Mosquitto> | undefined;
afterAll(async () => {
  await (await starting?.catch(() => undefined))?.stop();
});

describe('against Mosquitto', () => {
  test.each<VersionLabel>(['3.1.1', '5.0'])(
    'MQTT %s: connect, subscribe, receive and publish',
    async (version) => {
      // The dev env only serves the app here; the app talks to Mosquitto.
      const mosquitto = await (starting ??= startMosquitto());
      const env = await startDevEnv(suite);
      const { page } = await suite.newPage();
      const app = await DeckApp.open(page, env.appUrl);
      const topic = `deck/mosquitto/v${version}`;

      await app.connectAndWait({ url: mosquitto.url, version });
      const row = await app.subscribe(`${topic}/#`, 2);
      expect(await row.textContent()).toContain('granted QoS 2');

      const node = await connectNodeClient(suite, mosquitto.url, {
        protocolVersion: version === '5.0' ? 5 : 4,
      });
      await node.client.subscribeAsync(`${topic}/from-app`, { qos: 1 });
      await node.client.publishAsync(`${topic}/from-node`, 'hello from node', { qos: 1 });
      const received = await app.expectMessage(`${topic}/from-node`);
      expect(await received.textContent()).toContain('hello from node');

      await app.publish(`${topic}/from-app`, 'hello from the app', { qos: 1 });
      await expect.poll(() => app.publishResult()).toMatch(/Acknowledged/);
      const got = await node.waitFor(`${topic}/from-app`);
      expect(got.payload.toString('utf8')).toBe('hello from the app');
      expect(env.counts.connects).toBe(0);
    },
  );
});

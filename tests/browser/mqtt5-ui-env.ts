// The MQTT 5 UI tests' setup: the built app connected over MQTT 5.0 to Mosquitto through a relay
// that records what the app sent, and an independent Node client of the same version.
import type { Locator, Page } from 'playwright-core';
import { DeckApp } from './app';
import { startDevEnv } from './dev-env';
import type { BrowserSuite } from './harness';
import { startMosquitto } from './mosquitto';
import { startSniffer, type MqttSniffer } from './mqtt-sniffer';
import { connectNodeClient, type NodeClient } from './node-client';

export interface Mqtt5Ui {
  app: DeckApp;
  page: Page;
  node: NodeClient;
  sniffer: MqttSniffer;
}

let clients = 0;

/** Opens the app (on `page`, else a new one) and connects it with MQTT 5.0 to a fresh Mosquitto. */
export async function startMqtt5Ui(suite: BrowserSuite, page?: Page): Promise<Mqtt5Ui> {
  const env = await startDevEnv(suite);
  const mosquitto = await startMosquitto();
  suite.defer(() => mosquitto.stop());
  const sniffer = await startSniffer(suite, mosquitto.url);
  const shown = page ?? (await suite.newPage()).page;
  const app = await DeckApp.open(shown, env.appUrl);
  clients += 1;
  await app.connectAndWait({ url: sniffer.url, version: '5.0', clientId: `deck-m5-ui-${clients}` });
  const node = await connectNodeClient(suite, mosquitto.url, { protocolVersion: 5 });
  return { app, page: shown, node, sniffer };
}

/** Only the text of the error tied to a control (aria-describedby), not the form's other alerts. */
export function describedError(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

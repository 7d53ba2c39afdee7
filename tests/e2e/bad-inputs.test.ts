// Scenario 9 (issue 4): a table of bad inputs, each refused with an error that names the offending
// thing, while nothing reaches a broker that records every packet and the connection stays up.
// Most rows go through the worker API (as the UI calls it), a representative few through the UI.
import mqtt from 'mqtt';
import type { Packet } from 'mqtt-packet';
import { describe, expect, test } from 'vitest';
import type { ConnectionProfile, PublishOptions, Qos } from '../../shared/protocol';
import { CONNECTED, DeckApp } from '../fixtures/browser/app';
import { BAD_INPUTS, BROKER_MAX_PACKET_SIZE } from '../fixtures/data/bad-input-table';
import type { BadInput } from '../fixtures/data/bad-input-table';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { startMosquitto } from '../fixtures/servers/mosquitto';
import { startScriptedBroker } from '../fixtures/servers/scripted-broker';
import type { ScriptedConnection } from '../fixtures/servers/scripted-broker';
import { openWorkerApi } from '../fixtures/browser/worker-api';
import type { WorkerApiCall } from '../fixtures/browser/worker-api';

const suite = useBrowserSuite();
const SENT_BY_CLIENT = new Set(['publish', 'subscribe', 'unsubscribe']);
const sentCommands = (connection: ScriptedConnection) =>
  connection.received.filter((p) => SENT_BY_CLIENT.has(p.cmd)).map(describePacket);
const describePacket = (p: Packet) =>
  p.cmd === 'publish' ? `publish ${p.topic.slice(0, 40)}` : p.cmd;

async function startBroker() {
  // An MQTT 5 broker that announces a small Maximum Packet Size; 3.1.1 connections get none.
  return startScriptedBroker(suite, () => false, {
    connack: () => ({ properties: { maximumPacketSize: BROKER_MAX_PACKET_SIZE } }),
  });
}

function profileFor(url: string, version: 4 | 5): ConnectionProfile {
  return {
    id: `bad-inputs-${version}`,
    url,
    clientId: `deck-bad-inputs-${version}`,
    username: '',
    password: '',
    keepaliveS: 60,
    cleanStart: true,
    protocolVersion: version,
  };
}

/** Runs one row; returns a line describing what went wrong, or undefined when it was refused right. */
async function check(api: WorkerApiCall, row: BadInput, base: ConnectionProfile) {
  let result;
  if (row.kind === 'publish') {
    result = await api('publish', row.topic, row.payload, row.options as PublishOptions);
  } else if (row.kind === 'subscribe') {
    // The page hands over whatever a caller gives: the worker must refuse a QoS it cannot send.
    result = await api('subscribe', row.filter, (row.qos ?? 1) as Qos);
  } else {
    result = await api('connect', { ...base, ...row.profile } as ConnectionProfile);
  }
  if (result.ok) return `${row.name}: accepted`;
  if (result.code !== row.expected.code || !row.expected.message.test(result.message)) {
    return `${row.name}: ${result.code} "${result.message.slice(0, 160)}"`;
  }
  return undefined;
}

describe('bad inputs through the worker API', () => {
  test(`${BAD_INPUTS.length} bad inputs: each refused with its reason, nothing sent`, async () => {
    const env = await startDevEnv(suite);
    const broker = await startBroker();
    const { page } = await suite.newPage();
    await DeckApp.open(page, env.appUrl);
    const api = await openWorkerApi(page);

    let connections = 0;
    for (const version of [5, 4] as const) {
      const base = profileFor(broker.url, version);
      expect(await api('connect', base)).toMatchObject({ ok: true });
      const connection = await broker.connection(++connections);
      await expect.poll(async () => (await api('snapshot')).status.state).toBe('connected');

      // Profiles and filters do not depend on the version: they run once, on 5.0.
      const rows = BAD_INPUTS.filter((row) =>
        row.kind === 'publish' ? row.version === version : version === 5,
      );
      const wrong: string[] = [];
      for (const row of rows) {
        const problem = await check(api, row, base);
        if (problem) wrong.push(problem);
      }
      expect(wrong).toEqual([]);
      console.log(`MQTT ${version}: ${rows.length} bad inputs refused, none sent`);

      // Nothing reached the broker, the connection is the same one, and it still works.
      expect(sentCommands(connection)).toEqual([]);
      expect(broker.connectionCount()).toBe(connections);
      expect((await api('snapshot')).status.state).toBe('connected');
      const largest = 'p'.repeat(BROKER_MAX_PACKET_SIZE - 1 - 2 - 2 - 9 - 2 - 1);
      const publishing = api('publish', 'deck/size', largest, { qos: 1, retain: false });
      const arrived = await connection.next((p) => p.cmd === 'publish');
      if (arrived.cmd !== 'publish' || arrived.messageId === undefined) throw new Error('no id');
      connection.send({ cmd: 'puback', messageId: arrived.messageId });
      expect(await publishing).toMatchObject({ ok: true });
      expect(sentCommands(connection)).toEqual(['publish deck/size']);
    }
  });
});

describe('bad inputs through the UI', () => {
  test('inline errors for a representative few, nothing sent, the connection stays up', async () => {
    const env = await startDevEnv(suite);
    const broker = await startBroker();
    const { page } = await suite.newPage();
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait({ url: broker.url, clientId: 'deck-bad-ui', version: '5.0' });
    const connection = await broker.connection(1);

    for (const [topic, reason] of [
      ['deck/\u0007/bell', /control character U\+0007/],
      ['deck/\u009b', /control character U\+009B/],
      ['deck/\uffff', /non-character U\+FFFF/],
      ['deck/a+b', /wildcards .*"\+"/],
    ] as const) {
      await app.publish(topic, 'should not leave', { qos: 1 });
      await expect.poll(() => app.inlineError('Publish topic')).toMatch(reason);
    }
    await app.publish('deck/big', 'x'.repeat(BROKER_MAX_PACKET_SIZE), { qos: 1 });
    await expect.poll(() => app.publishResult()).toMatch(/Failed: .*up to 1,024 bytes/);

    for (const [filter, reason] of [
      ['a/#/b', /last level/],
      ['$share//a', /share name/],
      ['a/\u001b/#', /control character U\+001B/],
    ] as const) {
      await app.requestSubscribe(filter, 1);
      await expect.poll(() => app.inlineError('Topic filter')).toMatch(reason);
    }

    await app.field('Client ID').fill('deck\u0001bad');
    await app.button('Connect').click();
    await expect.poll(() => app.inlineError('Client ID')).toMatch(/control character U\+0001/);
    await app.connect({ url: 'ws://user:secret@127.0.0.1/mqtt' });
    await expect.poll(() => app.inlineError('Broker URL')).toMatch(/their own fields/);

    expect(sentCommands(connection)).toEqual([]);
    expect(broker.connectionCount()).toBe(1);
    expect(await app.statusText()).toMatch(CONNECTED);
  });
});

describe('against Mosquitto with max_packet_size (MQTT 5)', () => {
  test('the largest packet it accepts goes out; one byte more is refused here', async () => {
    const env = await startDevEnv(suite);
    const mosquitto = await startMosquitto({
      settings: [`max_packet_size ${BROKER_MAX_PACKET_SIZE}`],
      logTypes: ['error', 'warning'],
    });
    suite.defer(() => mosquitto.stop());
    const watcher = await mqtt.connectAsync(`mqtt://127.0.0.1:${mosquitto.tcpPort}`);
    suite.defer(() => watcher.endAsync(true));
    const delivered: string[] = [];
    watcher.on('message', (topic, payload) => delivered.push(`${topic} ${payload.length}`));
    await watcher.subscribeAsync('deck/#', { qos: 1 });

    const { page } = await suite.newPage();
    await DeckApp.open(page, env.appUrl);
    const api = await openWorkerApi(page);
    const base = profileFor(mosquitto.url, 5);
    expect(await api('connect', base)).toMatchObject({ ok: true });
    await expect.poll(async () => (await api('snapshot')).status.state).toBe('connected');
    const connected = (await api('snapshot')).status;

    // 1 + 2 (remaining length) + 2 + 9 (topic) + 2 (packet id) + 1 (no properties) + 1,007.
    const largest = 'p'.repeat(1_007);
    const options = { qos: 1, retain: false } as const;
    expect(await api('publish', 'deck/size', largest, options)).toMatchObject({ ok: true });
    const over = await api('publish', 'deck/size', `${largest}p`, options);
    expect(over).toMatchObject({ ok: false, code: 'packet-too-large' });
    // Five bytes less payload, seven more of properties (1 + 2 + 1 + 2 + 1): 1,026.
    const withProperties = await api('publish', 'deck/size', largest.slice(5), {
      ...options,
      userProperties: { k: 'v' },
    });
    expect(withProperties).toMatchObject({ ok: false, code: 'packet-too-large' });
    const props = { ...options, userProperties: { k: 'v' } };
    expect(await api('publish', 'deck/size', largest.slice(7), props)).toMatchObject({ ok: true });

    const rows = BAD_INPUTS.filter((row) => row.kind === 'publish' && row.version === 5);
    const wrong: string[] = [];
    for (const row of rows) {
      const problem = await check(api, row, base);
      if (problem) wrong.push(problem);
    }
    expect(wrong).toEqual([]);

    // Mosquitto got exactly the two publishes that fit and never dropped the connection.
    await expect.poll(() => delivered).toEqual(['deck/size 1007', 'deck/size 1000']);
    // The same connection throughout: a drop and reconnect would have stamped a new status.
    expect((await api('snapshot')).status).toEqual(connected);
  });
});

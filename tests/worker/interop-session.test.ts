// Paho client interop scenarios of a persistent session (offline queueing, redelivery after a broken
// connection) on every broker, and a subscription Mosquitto's ACL refuses, in 3.1.1 and 5.0.
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useBrowserSuite } from '../fixtures/browser/harness';
import {
  BROKERS,
  POLL_MS,
  connected,
  disconnected,
  payloads,
  startInterop,
  subscribed,
  type InteropEnv,
} from '../fixtures/browser/interop-env';
import { startWsProxy } from '../fixtures/servers/ws-proxy';

const suite = useBrowserSuite();
const SESSION_EXPIRY_S = 300;
// Mosquitto 2.0's acl_file is checked on delivery only; its dynamic security plugin refuses a
// SUBSCRIBE (SUBACK 0x80 on 3.1.1, 0x87 Not authorized on 5.0).
// Debian's mosquitto package installs it beside its libraries (multiarch directory);
// MOSQUITTO_DYNSEC_PLUGIN points elsewhere.
const DYNSEC_PLUGIN =
  process.env.MOSQUITTO_DYNSEC_PLUGIN ??
  [`/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`, '/usr/lib']
    .map((dir) => `${dir}/mosquitto_dynamic_security.so`)
    .find((path) => existsSync(path)) ??
  'mosquitto_dynamic_security.so (not found: apt-get install -y mosquitto, or set MOSQUITTO_DYNSEC_PLUGIN)';

/** Anonymous clients may subscribe to anything but secret/#. */
function denySecret() {
  const allow = { publishClientSend: true, publishClientReceive: true, subscribe: true };
  return {
    defaultACLAccess: { ...allow, unsubscribe: true },
    clients: [],
    groups: [{ groupname: 'anonymous', roles: [{ rolename: 'no-secret' }], clients: [] }],
    roles: [
      {
        rolename: 'no-secret',
        acls: [{ acltype: 'subscribePattern', topic: 'secret/#', allow: false, priority: 0 }],
      },
    ],
    anonymousGroup: 'anonymous',
  };
}

function persistent(env: InteropEnv, url = env.url) {
  return env.profile({ url, cleanStart: false, sessionExpiryS: SESSION_EXPIRY_S });
}

/** Publishes a marker and waits for it: what the broker sends before it has arrived by then. */
async function markerArrived(env: InteropEnv, prefix: string): Promise<void> {
  const publisher = await env.nodeClient();
  await publisher.client.publishAsync(`${prefix}/end`, 'end', { qos: 1 });
  await expect
    .poll(async () => (await payloads(env.api, prefix)).includes('end'), { timeout: POLL_MS })
    .toBe(true);
}

describe.each(BROKERS)('interop on $name', (broker) => {
  test('offline queueing: QoS 1 and 2 published while away arrive once on reconnect', async () => {
    const env = await startInterop(suite, broker);
    const { api } = env;
    const profile = persistent(env);
    await connected(api, profile);
    await subscribed(api, 'deck/offline/#', 2);
    await disconnected(api);

    const publisher = await env.nodeClient();
    await publisher.client.publishAsync('deck/offline/1', 'one', { qos: 1 });
    await publisher.client.publishAsync('deck/offline/2', 'two', { qos: 2 });
    expect(await payloads(api, 'deck/offline')).toEqual([]);
    await connected(api, profile);
    await expect
      .poll(async () => (await payloads(api, 'deck/offline')).length, { timeout: POLL_MS })
      .toBeGreaterThanOrEqual(2);
    await markerArrived(env, 'deck/offline');
    expect(await payloads(api, 'deck/offline')).toEqual(['one', 'two', 'end']);
  });

  test('redelivery on reconnect: QoS 1 and 2 cut off in flight are resent once', async () => {
    const env = await startInterop(suite, broker);
    const { api } = env;
    const proxy = await startWsProxy(env.port, new URL(env.url).pathname);
    suite.defer(() => proxy.close());
    const profile = persistent(env, proxy.url);
    await connected(api, profile);
    await subscribed(api, 'deck/redeliver/#', 2);

    // The broker sends both; the proxy holds them, so the app never sees or acknowledges them.
    proxy.stall('downstream');
    const publisher = await env.nodeClient();
    await publisher.client.publishAsync('deck/redeliver/1', 'r1', { qos: 1 });
    await publisher.client.publishAsync('deck/redeliver/2', 'r2', { qos: 2 });
    const sentTo = new RegExp(`Sending PUBLISH to ${profile.clientId} .*deck/redeliver`, 'g');
    if (broker.kind === 'mosquitto') {
      await expect
        .poll(async () => (await env.brokerLog()).match(sentTo)?.length ?? 0, { timeout: POLL_MS })
        .toBe(2);
    }
    expect(await payloads(api, 'deck/redeliver')).toEqual([]);

    proxy.drop('rst');
    proxy.resume('downstream');
    await expect
      .poll(async () => (await payloads(api, 'deck/redeliver')).length, { timeout: POLL_MS })
      .toBeGreaterThanOrEqual(2);
    await markerArrived(env, 'deck/redeliver');
    expect(await payloads(api, 'deck/redeliver')).toEqual(['r1', 'r2', 'end']);
    if (broker.kind === 'mosquitto') {
      // Resent with DUP set, as in-flight messages are: the scenario did cut them off in flight.
      const log = await env.brokerLog();
      expect(log).toMatch(new RegExp(`Sending PUBLISH to ${profile.clientId} \\(d1, q1`));
    }
  });
});

describe.each(BROKERS.filter((b) => b.kind === 'mosquitto'))('interop on $name', (broker) => {
  test('subscribe failure: a filter the broker denies is shown refused with its reason', async () => {
    const dir = await suite.tempDir('deck-interop-dynsec-');
    const configFile = join(dir, 'dynamic-security.json');
    await writeFile(configFile, JSON.stringify(denySecret()));
    // Mosquitto runs as its own user once started as root, and the plugin rewrites its file.
    await chmod(dir, 0o777);
    await chmod(configFile, 0o666);
    const env = await startInterop(suite, broker, {
      settings: [`plugin ${DYNSEC_PLUGIN}`, `plugin_opt_config_file ${configFile}`],
    });
    const { api } = env;
    await connected(api, env.profile());

    const refused = await api('subscribe', 'secret/x', 1);
    expect(refused).toMatchObject({ ok: false });
    const words = broker.version === 5 ? /not authori[sz]ed/i : /refused this subscription/i;
    if (!refused.ok) expect(refused.message).toMatch(words);
    await expect
      .poll(async () => (await api('snapshot')).subscriptions.find((s) => s.filter === 'secret/x'))
      .toMatchObject({ state: 'refused', reason: expect.stringMatching(words) });

    // The connection goes on: an allowed filter is granted and delivers.
    await subscribed(api, 'deck/acl/#', 1);
    await markerArrived(env, 'deck/acl');
    expect((await api('snapshot')).status.state).toBe('connected');
  });
});

// Reason codes from Mosquitto 5.0 in the spec's words, with the app's worker as the client: a
// PUBACK and an UNSUBACK that its dynamic security plugin's Not authorized (0x87) refuses.
import { describe, expect, test } from 'vitest';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { dynsecSettings } from '../fixtures/servers/interop-dynsec';
import {
  POLL_MS,
  connected,
  payloads,
  startInterop,
  subscribed,
} from '../fixtures/browser/interop-env';

const suite = useBrowserSuite();
const MOSQUITTO_5 = { kind: 'mosquitto', version: 5 } as const;
const QOS1 = { qos: 1, retain: false } as const;

describe('reason codes from Mosquitto 5.0', () => {
  test('a PUBACK reason code: a publish the broker denies is failed in words', async () => {
    const denied = await dynsecSettings(suite, 'publishClientSend', 'secret/#');
    const env = await startInterop(suite, MOSQUITTO_5, denied);
    await connected(env.api, env.profile());
    const refused = await env.api('publish', 'secret/x', 'no', QOS1);
    expect(refused).toMatchObject({
      ok: false,
      code: 'not-authorized',
      message: expect.stringContaining('Not authorized (0x87)'),
    });
    const entry = (await env.api('outbox')).find((e) => e.topic === 'secret/x');
    expect(entry).toMatchObject({
      state: 'failed',
      error: {
        code: 'not-authorized',
        message: 'Not authorized to publish to this topic: Not authorized (0x87).',
      },
    });
    expect(await env.api('publish', 'deck/ok', 'yes', QOS1)).toMatchObject({
      ok: true,
      acknowledged: true,
    });
  });

  test('an UNSUBACK reason code: a refused unsubscribe is shown in words and the subscription stays', async () => {
    const denied = await dynsecSettings(suite, 'unsubscribePattern', 'locked/#');
    const env = await startInterop(suite, MOSQUITTO_5, denied);
    await connected(env.api, env.profile());
    await subscribed(env.api, 'locked/#', 1);
    expect(await env.api('unsubscribe', 'locked/#')).toEqual({
      ok: false,
      code: 'refused',
      message:
        'Not authorized to unsubscribe from this filter: Not authorized (0x87). The subscription stays.',
    });
    expect((await env.api('snapshot')).subscriptions).toMatchObject([
      { filter: 'locked/#', state: 'granted' },
    ]);
    // Still subscribed: a message on it arrives.
    const node = await env.nodeClient();
    await node.client.publishAsync('locked/x', 'still', { qos: 1 });
    await expect.poll(() => payloads(env.api, 'locked'), { timeout: POLL_MS }).toEqual(['still']);
    // An allowed filter unsubscribes as before (0x11 "No subscription existed": reason-codes.test.ts).
    await subscribed(env.api, 'deck/free/#', 1);
    expect(await env.api('unsubscribe', 'deck/free/#')).toEqual({ ok: true });
  });
});

// MQTT 5 subscription options: checked by name, refused on 3.1.1, sent as mqtt.js takes them, and
// kept on the subscription so a restore after a reconnect asks for the same ones.
import { describe, expect, it } from 'vitest';
import type { SubscriptionEvent } from '../../shared/protocol';
import { subscribeOptionsError, toClientOptions } from '../../worker/session/subscribe-options';
import { createSubscriptionList } from '../../worker/session/subscription-list';

describe('subscription options', () => {
  it('refuses each option on 3.1.1 by name', () => {
    expect(subscribeOptionsError({ noLocal: true }, 4)?.message).toBe(
      'No local needs MQTT 5; this connection uses 3.1.1.',
    );
    expect(subscribeOptionsError({ retainHandling: 2 }, 4)?.message).toMatch(
      /^Retain handling needs MQTT 5/,
    );
    expect(subscribeOptionsError({}, 4)).toBeUndefined();
  });

  it('checks ranges in words', () => {
    expect(subscribeOptionsError({ retainHandling: 3 as 0 }, 5)?.message).toMatch(
      /Retain handling must be 0/,
    );
    expect(subscribeOptionsError({ subscriptionIdentifier: 0 }, 5)?.message).toBe(
      'Subscription identifier must be a whole number from 1 to 268,435,455.',
    );
    expect(subscribeOptionsError({ subscriptionIdentifier: 268_435_456 }, 5)?.code).toBe(
      'invalid-option',
    );
    expect(
      subscribeOptionsError(
        {
          subscriptionIdentifier: 268_435_455,
          noLocal: true,
          retainAsPublished: false,
          retainHandling: 1,
        },
        5,
      ),
    ).toBeUndefined();
    const none = { properties: { subscriptionIdentifiersAvailable: false } };
    expect(subscribeOptionsError({ subscriptionIdentifier: 1 }, 5, none)?.message).toMatch(
      /does not support subscription identifiers/,
    );
  });

  it('sends them as mqtt.js takes them', () => {
    expect(
      toClientOptions(1, {
        noLocal: true,
        retainAsPublished: true,
        retainHandling: 2,
        subscriptionIdentifier: 7,
      }),
    ).toEqual({
      qos: 1,
      nl: true,
      rap: true,
      rh: 2,
      properties: { subscriptionIdentifier: 7 },
    });
    expect(toClientOptions(0, undefined)).toEqual({ qos: 0 });
  });

  it('keeps them on the subscription through answers and a refused unsubscribe', () => {
    const events: SubscriptionEvent[] = [];
    const list = createSubscriptionList((e) => events.push(e));
    const options = { noLocal: true, subscriptionIdentifier: 3 };
    const version = list.request('a/#', 1, options);
    list.answer('a/#', version, { grantedQos: 1 });
    expect(list.get('a/#')?.options).toEqual(options);
    const removed = list.remove('a/#')!;
    list.restore(removed);
    expect(events.map((e) => [e.state, e.options])).toEqual([
      ['pending', options],
      ['granted', options],
      ['removed', options],
      ['granted', options],
    ]);
  });
});

// Subscribe and unsubscribe on the session's live client, each resolving with the broker's answer
// as a tagged result; also restores subscriptions after every (re)connect. (Publishing is the
// outbox's: outbox.ts, outbox-link.ts.)
import type { IConnackPacket, MqttClient } from 'mqtt';
import { NOT_CONNECTED } from './error-codes';
import { subscriptionRefusal, unsubscribeRefusal } from './reason-codes';
import { subscribeOptionsError, toClientOptions } from './subscribe-options';
import { validateTopicFilter } from '../../shared/mqtt/topics';
import { qosError } from '../../shared/mqtt/publish-validation';
import type {
  DeckError,
  MqttVersion,
  Qos,
  Result,
  SubscribeOptions,
  SubscribeResult,
} from '../../shared/protocol';
import type { SubscriptionList } from './subscription-list';

export interface LiveConnection {
  client: MqttClient;
  connack: IConnackPacket;
  version: MqttVersion;
}

export interface CommandDeps {
  subscriptions: SubscriptionList;
  /** The connected client, or undefined while not connected. */
  connection(): LiveConnection | undefined;
}

const CLOSED_BEFORE_ANSWER: DeckError = {
  code: 'not-connected',
  message: 'The connection closed before the broker answered.',
};

function fail(error: DeckError): { ok: false } & DeckError {
  return { ok: false, ...error };
}

/** The part of a SUBACK we read: one granted QoS (3.1.1) or reason code (5.0) per filter. */
interface SubackLike {
  /** Absent from a 3.1.1 UNSUBACK. */
  granted?: ReadonlyArray<number | object>;
}

function firstReasonCode(packet: SubackLike | undefined): number | undefined {
  const code = packet?.granted?.[0];
  return typeof code === 'number' ? code : undefined;
}

function isQos(value: number | undefined): value is Qos {
  return value === 0 || value === 1 || value === 2;
}

export function createSessionCommands(deps: CommandDeps) {
  const { subscriptions } = deps;
  // Settles every command still waiting for the broker when the connection goes away.
  const pending = new Set<() => void>();

  function sendSubscribe(
    live: LiveConnection,
    filter: string,
    qos: Qos,
    options: SubscribeOptions | undefined,
  ): Promise<SubscribeResult> {
    const version = subscriptions.request(filter, qos, options);
    return new Promise((resolve) => {
      const settle = (result: SubscribeResult) => {
        pending.delete(onClose);
        resolve(result);
      };
      const onClose = () => settle(fail(CLOSED_BEFORE_ANSWER));
      pending.add(onClose);
      live.client.subscribe(filter, toClientOptions(qos, options), (error, _granted, packet) => {
        const code = firstReasonCode(packet ?? (error as { packet?: SubackLike } | null)?.packet);
        if (code === undefined) return settle(fail(CLOSED_BEFORE_ANSWER));
        if (isQos(code)) {
          subscriptions.answer(filter, version, { grantedQos: code });
          return settle({ ok: true, grantedQos: code });
        }
        const reason = subscriptionRefusal(code, live.version);
        subscriptions.answer(filter, version, { reason });
        settle(fail({ code: 'refused', message: reason }));
      });
    });
  }

  return {
    subscribe(filter: string, qos: Qos, options: SubscribeOptions = {}): Promise<SubscribeResult> {
      const invalid = validateTopicFilter(filter);
      if (invalid) return Promise.resolve(fail({ code: 'invalid-topic', message: invalid }));
      // mqtt-packet would end the whole connection over a QoS it cannot encode.
      const badQos = qosError(qos);
      if (badQos) return Promise.resolve(fail({ code: 'invalid-option', message: badQos }));
      const live = deps.connection();
      if (!live) return Promise.resolve(fail(NOT_CONNECTED));
      const badOptions = subscribeOptionsError(options, live.version, live.connack);
      if (badOptions) return Promise.resolve(fail(badOptions));
      return sendSubscribe(live, filter, qos, options);
    },

    async unsubscribe(filter: string): Promise<Result<object>> {
      const invalid = validateTopicFilter(filter);
      if (invalid) return fail({ code: 'invalid-topic', message: invalid });
      const entry = subscriptions.remove(filter);
      const live = deps.connection();
      // Nothing to tell the broker about a filter it refused, or while we are not connected:
      // the entry is gone from the list, so it will not be restored either.
      if (!entry || entry.state === 'refused' || !live) return { ok: true };
      const refusal = await new Promise<string | undefined>((resolve) => {
        const onClose = () => resolve(undefined);
        pending.add(onClose);
        live.client.unsubscribe(filter, (_error, packet) => {
          pending.delete(onClose);
          const code = firstReasonCode(packet as SubackLike | undefined);
          resolve(live.version === 5 && code !== undefined ? unsubscribeRefusal(code) : undefined);
        });
      });
      if (refusal === undefined) return { ok: true };
      // The broker keeps the subscription: so does the list, as it was.
      subscriptions.restore(entry);
      return fail({ code: 'refused', message: refusal });
    },

    /** After a CONNACK: subscribe again to every filter not refused, exactly once each. */
    restoreSubscriptions(sessionResumed: boolean): void {
      const live = deps.connection();
      if (!live) return;
      for (const entry of subscriptions.entries()) {
        if (entry.state === 'refused') continue;
        if (sessionResumed && entry.grantedQos !== undefined) {
          // The broker kept the session and its subscriptions: nothing to send.
          subscriptions.answer(entry.filter, entry.version, { grantedQos: entry.grantedQos });
        } else {
          void sendSubscribe(live, entry.filter, entry.requestedQos, entry.options);
        }
      }
    },

    /** The connection is gone: every command still waiting for an answer fails now. */
    failPending(): void {
      for (const settle of [...pending]) settle();
      pending.clear();
    },
  };
}

// While connected: the client ID the broker assigned and what its MQTT 5 CONNACK said about its
// limits, in words. A chunk of its own: the first paint never needs it.
import { For, Show } from 'solid-js';
import type { BrokerLimits } from '../../shared/protocol';
import { useConnection } from '../connection/connection';
import './profiles.css';

const yesNo = (v: boolean) => (v ? 'yes' : 'no');
const count = (n: number) => n.toLocaleString('en');

/** One line per limit the broker sent; absent ones it did not send (the spec's defaults hold). */
function limitLines(b: BrokerLimits): [string, string][] {
  const lines: [string, string | undefined][] = [
    [
      'Receive maximum',
      b.receiveMaximum === undefined
        ? undefined
        : `${count(b.receiveMaximum)} unacknowledged QoS 1/2 messages`,
    ],
    [
      'Maximum packet size',
      b.maximumPacketSize === undefined ? undefined : `${count(b.maximumPacketSize)} bytes`,
    ],
    [
      'Topic alias maximum',
      b.topicAliasMaximum === undefined ? undefined : count(b.topicAliasMaximum),
    ],
    [
      'Keepalive set by the broker',
      b.serverKeepAliveS === undefined ? undefined : `${count(b.serverKeepAliveS)} s`,
    ],
    ['Highest QoS', b.maximumQoS === undefined ? undefined : String(b.maximumQoS)],
    ['Retained messages', b.retainAvailable === undefined ? undefined : yesNo(b.retainAvailable)],
    [
      'Wildcard subscriptions',
      b.wildcardSubscriptionAvailable === undefined
        ? undefined
        : yesNo(b.wildcardSubscriptionAvailable),
    ],
    [
      'Subscription identifiers',
      b.subscriptionIdentifiersAvailable === undefined
        ? undefined
        : yesNo(b.subscriptionIdentifiersAvailable),
    ],
    [
      'Shared subscriptions',
      b.sharedSubscriptionAvailable === undefined
        ? undefined
        : yesNo(b.sharedSubscriptionAvailable),
    ],
    ['Response information', b.responseInformation],
    ['Server reference', b.serverReference],
    ['Reason', b.reasonString],
  ];
  const props = Object.entries(b.userProperties ?? {}).map(([name, value]): [string, string] => [
    `User property ${name}`,
    [value].flat().join(', '),
  ]);
  return [...lines.filter((l): l is [string, string] => l[1] !== undefined), ...props];
}

export default function BrokerInfo() {
  const connection = useConnection();
  const assigned = () => {
    const id = connection.status().clientId;
    return id !== undefined && id !== connection.form.clientId.trim() ? id : undefined;
  };
  const lines = () => limitLines(connection.status().broker ?? {});
  return (
    <>
      <Show when={assigned()}>
        {(id) => (
          <p class="field-hint">
            Client ID assigned by the broker: <span class="mono">{id()}</span>
          </p>
        )}
      </Show>
      <Show when={lines().length > 0}>
        <details class="broker-limits">
          <summary>Broker limits</summary>
          <dl>
            <For each={lines()}>
              {([name, value]) => (
                <>
                  <dt>{name}</dt>
                  <dd>{value}</dd>
                </>
              )}
            </For>
          </dl>
        </details>
      </Show>
    </>
  );
}

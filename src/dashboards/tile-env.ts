// What every tile needs from around it: live values, the clock for ages, publishing, and stored
// history (a chart's seed). The Dashboards view and a kiosk create it alike for the dashboard
// they show, whose topics it subscribes to once connected (auto-subscribe.ts).
import { createMemo } from 'solid-js';
import type {
  HistoryPage,
  HistoryQuery,
  PublishOptions,
  PublishResult,
} from '../../shared/protocol';
import { useConnection } from '../connection/connection';
import { useSubscriptions } from '../subscriptions/subscriptions';
import { deckBridge, type DeckBridge } from '../worker-bridge';
import { autoSubscribe } from './auto-subscribe';
import { boundTopics, type Tile } from './dashboard-model';
import { createLiveValues, createNow, type LiveValues } from './live-values';

export interface TileEnv {
  live: LiveValues;
  now: () => number;
  publish(topic: string, payload: string, options: PublishOptions): Promise<PublishResult>;
  readHistory(query: HistoryQuery): Promise<HistoryPage>;
}

/** The environment of the tiles `tiles()` (those of the dashboard shown). */
export function createTileEnv(
  tiles: () => readonly Tile[],
  bridge: Pick<DeckBridge, 'onEvents' | 'readHistory' | 'publish'> = deckBridge(),
): TileEnv {
  const connection = useConnection();
  const subscriptions = useSubscriptions();
  const topics = createMemo(() => tiles().flatMap(boundTopics));
  const env: TileEnv = {
    live: createLiveValues(bridge, topics),
    now: createNow(),
    publish: (topic, payload, options) => bridge.publish(topic, payload, options),
    readHistory: (query) => bridge.readHistory(query),
  };
  autoSubscribe({
    connected: () => connection.status().state === 'connected',
    topics,
    subscriptions: () => subscriptions.list,
    subscribe: (filter) => subscriptions.subscribeTo(filter, 0),
  });
  return env;
}

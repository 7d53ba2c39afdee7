// What every tile needs from around it: live values, the clock for ages, and publishing. A
// kiosk view passes the same, so it renders the same tiles without any editing controls.
import type { PublishOptions, PublishResult } from '../../shared/protocol';
import type { LiveValues } from './live-values';

export interface TileEnv {
  live: LiveValues;
  now: () => number;
  publish(topic: string, payload: string, options: PublishOptions): Promise<PublishResult>;
}

// The dev server's broker hint (/dev-broker.json): where `npm start`'s broker listens and which
// filters to subscribe to first. Production builds have no such file.
import { brokerUrlError } from '../../shared/profiles/broker-url';
import { validateTopicFilter } from '../../shared/mqtt/topics';

const DEV_BROKER_FILE = './dev-broker.json';

export interface DevBroker {
  url: string;
  /** Filters to subscribe to on the first connection, so the device's data shows at once. */
  subscribe: string[];
}

export async function devBroker(): Promise<DevBroker | undefined> {
  try {
    const response = await fetch(DEV_BROKER_FILE, { cache: 'no-store' });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { url?: unknown; subscribe?: unknown } | null;
    const url = body?.url;
    if (typeof url !== 'string' || brokerUrlError(url) !== null) return undefined;
    const filters = Array.isArray(body?.subscribe) ? body.subscribe : [];
    const subscribe = filters.filter(
      (f): f is string => typeof f === 'string' && validateTopicFilter(f) === null,
    );
    return { url, subscribe };
  } catch {
    return undefined;
  }
}

// What the payload diff compares against: the message before a given one on its topic, read from
// stored history (live, or the capture it came from). Created with the first diff, in the payload
// panel's chunk, like the decoder rules.
import type { StoredMessage } from '../../shared/protocol';
import { deckBridge, type DeckBridge } from '../worker-bridge';

/** History pages followed looking for the previous message (each is bounded work in the worker). */
const MAX_PAGES = 20;

export function createPreviousMessage(bridge: Pick<DeckBridge, 'readHistory' | 'getMessage'>) {
  return {
    /**
     * The newest message on `message.topic` older than it in the same history (live, or the
     * capture `source`), or null when there is none.
     */
    async find(message: StoredMessage, source: string | undefined): Promise<StoredMessage | null> {
      let before: number | undefined = message.id;
      for (let i = 0; i < MAX_PAGES && before !== undefined; i++) {
        const query = { topicFilter: message.topic, before, limit: 1 };
        const page = await bridge.readHistory(source === undefined ? query : { ...query, source });
        const found = page.messages[0];
        if (found) return (await bridge.getMessage(found.id, source)) ?? null;
        before = page.next;
      }
      return null;
    },
  };
}

export type PreviousMessageStore = ReturnType<typeof createPreviousMessage>;
let shared: PreviousMessageStore | undefined;

/** The app's one lookup, created with the first diff opened. */
export function usePreviousMessage(): PreviousMessageStore {
  shared ??= createPreviousMessage(deckBridge());
  return shared;
}

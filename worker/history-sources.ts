// Which history a read goes to: live history (through the writer, so messages not yet committed
// are found too) or an imported capture. Every explorer read in index.ts comes through here.
import type { Captures } from './captures';
import type { HistoryStore } from './history-store';
import type { HistoryWriter } from './history-writer';
import type {
  ConnectionLogEntry,
  ConnectionLogQuery,
  HistoryCount,
  HistoryPage,
  HistoryQuery,
  StoredMessage,
  TopicStat,
  TopLevelUsage,
} from './protocol';

export interface HistorySources {
  /** The store behind a source; undefined for an unknown capture. */
  store(source: string | undefined): Promise<HistoryStore | undefined>;
  readPage(query: HistoryQuery): Promise<HistoryPage>;
  count(query: HistoryQuery): Promise<HistoryCount>;
  get(id: number, source?: string): Promise<StoredMessage | undefined>;
  connectionLog(query: ConnectionLogQuery): Promise<ConnectionLogEntry[]>;
  topicStats(source?: string): Promise<TopicStat[]>;
  topLevelUsage(source?: string): Promise<TopLevelUsage[]>;
}

export interface HistorySourcesDeps {
  live: HistoryStore;
  writer: HistoryWriter;
  captures: Captures;
}

const UNKNOWN_CAPTURE = {
  code: 'invalid-option',
  message: 'This capture no longer exists: it may have been deleted in another tab.',
} as const;

export function createHistorySources(deps: HistorySourcesDeps): HistorySources {
  const store = async (source: string | undefined) =>
    source === undefined ? deps.live : deps.captures.store(source);
  return {
    store,
    async readPage(query) {
      if (query.source === undefined) return deps.writer.readPage(query);
      const capture = await store(query.source);
      return capture ? capture.readPage(query) : { messages: [], error: UNKNOWN_CAPTURE };
    },
    async count(_query) {
      throw new Error('count: not written yet');
    },
    async get(id, source) {
      if (source === undefined) return deps.writer.get(id);
      return (await store(source))?.get(id);
    },
    async connectionLog(_query) {
      throw new Error('connectionLog: not written yet');
    },
    async topicStats(_source) {
      throw new Error('topicStats: not written yet');
    },
    async topLevelUsage(_source) {
      throw new Error('topLevelUsage: not written yet');
    },
  };
}

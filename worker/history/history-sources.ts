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
} from '../../shared/protocol';

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

/** How long a count or the topic list waits for the writer's unwritten messages to commit. */
const FLUSH_WAIT_MS = 1_000;

function flushed(writer: HistoryWriter): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, FLUSH_WAIT_MS)));
  return Promise.race([writer.idle().catch(() => undefined), late]).finally(() =>
    clearTimeout(timer),
  );
}

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
    async count(query) {
      const source = await store(query.source);
      if (!source) return { count: 0, error: UNKNOWN_CAPTURE };
      // A count starts with what the writer holds in memory written, so it is exact (bounded:
      // with storage failing it counts what committed).
      if (query.source === undefined && query.before === undefined) await flushed(deps.writer);
      return source.countMatching(query);
    },
    async get(id, source) {
      if (source === undefined) return deps.writer.get(id);
      return (await store(source))?.get(id);
    },
    async connectionLog(query) {
      return (await store(query.source))?.connectionLog(query) ?? [];
    },
    async topicStats(source) {
      if (source === undefined) await flushed(deps.writer);
      return (await store(source))?.topicStats() ?? [];
    },
    async topLevelUsage(source) {
      return (await store(source))?.topLevelUsage() ?? [];
    },
  };
}

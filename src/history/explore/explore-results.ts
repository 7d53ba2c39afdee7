// The Explore tab's results: pages of matching messages, newest first, read as the list needs
// them, with the connection events over the same span; everything starts over (and late answers
// are ignored) when the filter or the source changes.
import { batch, createMemo, createSignal } from 'solid-js';
import type { ConnectionLogEntry, MessageSummary } from '../../../shared/protocol';
import { formatCount } from '../../ui/payload-format';
import { errorText } from '../../ui/error-text';
import type { Explorer } from '../explorer';
import { mergeTimeline } from './timeline-rows';

/** Messages asked for per readHistory call. */
export const PAGE_LIMIT = 200;
/** Calls per load: each is about 100 ms of work in the worker, so a load stays a few seconds. */
const MAX_PAGES_PER_LOAD = 30;
/** Empty pages in a row before the search waits for "Search further" (about 30 s of scanning). */
const MAX_EMPTY_PAGES = 300;
/** Rows kept in memory (previews are up to 1 KB each); past this, narrow the filter. */
export const MAX_LOADED_MESSAGES = 20_000;
/** Connection events per readConnectionLog call, and in all. */
const EVENT_PAGE = 200;
const MAX_EVENTS = 2_000;

export function createExploreResults(explorer: Explorer) {
  const [messages, setMessages] = createSignal<MessageSummary[]>([]);
  const [events, setEvents] = createSignal<ConnectionLogEntry[]>([]);
  const [loading, setLoading] = createSignal(false);
  const [done, setDone] = createSignal(false);
  const [stalled, setStalled] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [eventsError, setEventsError] = createSignal<string>();
  const rows = createMemo(() => mergeTimeline(messages(), events()));
  const atLimit = () => messages().length >= MAX_LOADED_MESSAGES;

  let generation = 0;
  let before: number | undefined;
  let emptyPages = 0;
  /** The oldest receive time whose connection events are loaded (undefined: none yet). */
  let eventsFrom: number | undefined;
  /** Event reads run one after another, so their pages join the list in time order. */
  let eventsChain: Promise<void> = Promise.resolve();

  function reset(): void {
    generation++;
    before = undefined;
    emptyPages = 0;
    eventsFrom = undefined;
    batch(() => {
      setMessages([]);
      setEvents([]);
      setLoading(false);
      setDone(false);
      setStalled(false);
      setError(undefined);
      setEventsError(undefined);
    });
  }

  /** Reads pages until PAGE_LIMIT more matches came, history ended, or the load's bound. */
  async function load(): Promise<void> {
    if (loading() || done() || stalled() || atLimit() || error()) return;
    const mine = generation;
    setLoading(true);
    try {
      let found = 0;
      for (let i = 0; i < MAX_PAGES_PER_LOAD && found < PAGE_LIMIT; i++) {
        const page = await explorer.readHistory(explorer.query(PAGE_LIMIT, before));
        if (mine !== generation) return;
        if (page.error) {
          setError(page.error.message);
          return;
        }
        found += page.messages.length;
        emptyPages = page.messages.length > 0 ? 0 : emptyPages + 1;
        if (page.messages.length > 0) setMessages((list) => list.concat(page.messages));
        before = page.next;
        if (before === undefined) setDone(true);
        if (before === undefined || atLimit()) break;
        if (emptyPages >= MAX_EMPTY_PAGES) {
          setStalled(true);
          break;
        }
      }
    } catch (failure) {
      if (mine === generation) setError(`History could not be read: ${errorText(failure)}`);
    } finally {
      if (mine === generation) setLoading(false);
    }
    if (mine !== generation) return;
    eventsChain = eventsChain.then(() => (mine === generation ? loadEvents(mine) : undefined));
    await eventsChain;
  }

  /** The connection events from the oldest loaded message (or the filter's start) up. */
  async function loadEvents(mine: number): Promise<void> {
    const list = messages();
    // Events alone, with no message to place them among, would only bury "No stored message".
    if (list.length === 0) return;
    const oldest = list[list.length - 1]?.time;
    const filter = explorer.filter();
    const from = done() ? filter.from : oldest;
    const lower = from ?? Number.NEGATIVE_INFINITY;
    if (eventsFrom !== undefined && lower >= eventsFrom) return;
    const to = eventsFrom === undefined ? filter.to : eventsFrom - 1;
    eventsFrom = lower;
    try {
      let seq: number | undefined;
      for (let total = events().length; total < MAX_EVENTS;) {
        const page = await explorer.readConnectionLog({
          source: explorer.source(),
          from,
          to,
          before: seq,
          limit: EVENT_PAGE,
        });
        if (mine !== generation) return;
        setEvents((known) => known.concat(page));
        total += page.length;
        seq = page[page.length - 1]?.seq;
        if (page.length < EVENT_PAGE) break;
      }
    } catch (failure) {
      if (mine === generation) setEventsError(`Connection events: ${errorText(failure)}`);
    }
  }

  return {
    rows,
    messages,
    events,
    loading,
    done,
    stalled,
    error,
    eventsError,
    atLimit,
    reset,
    load,
    /** After the search paused on a long run of pages without a match. */
    searchFurther(): void {
      emptyPages = 0;
      setStalled(false);
      void load();
    },
    limitNote: () => `The newest ${formatCount(MAX_LOADED_MESSAGES)} matches are listed.`,
  };
}

export type ExploreResults = ReturnType<typeof createExploreResults>;

// The wire contract for reading history: pages and conditions, counts, the connection log, topic
// statistics, captures, export and import, and chart series.
import type { DeckError, Qos, Result } from './core';
import type { MessageSummary } from './messages';

/**
 * A page of history, newest first, of the messages matching every condition given.
 * Pass `before` = the page's `next` to continue.
 */
export interface HistoryQuery extends HistoryConditions {
  /** Topic filter, wildcards allowed. */
  topicFilter?: string;
  /** Payload substring, matched on the payload's UTF-8 bytes, case-sensitive. */
  text?: string;
  /** Receive time range, inclusive, ms since the epoch. */
  from?: number;
  to?: number;
  /** Only messages with an id below this position. */
  before?: number;
  limit: number;
}

export interface HistoryPage {
  messages: MessageSummary[];
  /** The query itself is invalid (a regular expression that does not compile, a bad filter). */
  error?: DeckError;
  /**
   * Position to pass as `before` to continue, absent at the end of history. Each call does a
   * bounded amount of work (about 100 ms): a search that has not found `limit` matches by then
   * returns the matches so far, maybe none, with the `next` to continue from.
   */
  next?: number;
}

/** Where history is read from: live history (`undefined`), or one imported capture by its id. */
export type HistorySource = string | undefined;

/** Received from a broker, or published by this app (stored once the outbox sent it). */
export type MessageDirection = 'received' | 'published';

/** The conditions the explorer adds to a `HistoryQuery` (above). */
export interface HistoryConditions {
  /** A capture's id; absent for live history. */
  source?: string;
  /** `text` is a JavaScript regular expression (flag `u`), matched on the payload as UTF-8 text. */
  regex?: boolean;
  /** Match `text` (substring or regex) without regard to case. */
  ignoreCase?: boolean;
  direction?: MessageDirection;
  /** Any of these QoS levels; absent or empty for all. */
  qos?: Qos[];
  /** Only retained (true) or only not retained (false) messages. */
  retained?: boolean;
}

/**
 * A count of the messages matching a query, made in bounded steps like `readHistory`: add `count`
 * to the running total and call again with `before: next` until `next` is absent.
 */
export interface HistoryCount {
  count: number;
  next?: number;
  /** The query itself is invalid (for example a regular expression that does not compile). */
  error?: DeckError;
}

/** What happened to a connection, as the connection log keeps it (store `connectionLog`). */
export type ConnectionLogKind = 'connected' | 'disconnected' | 'refused';

export interface ConnectionLogEntry {
  /** Log key, monotonic. */
  seq: number;
  time: number;
  /** The profile id (as in `MessageSummary.connectionId`) and broker URL. */
  connectionId: string;
  url: string;
  kind: ConnectionLogKind;
  /** Why it ended or was refused, in words. */
  reason?: string;
}

export interface ConnectionLogQuery {
  source?: string;
  /** Inclusive time range, ms since the epoch. */
  from?: number;
  to?: number;
  /** Only entries with a seq below this one. */
  before?: number;
  limit: number;
}

/** One topic as the topic tree shows it: from the `latest` store, kept in each append. */
export interface TopicStat {
  topic: string;
  /** Messages stored on this topic, and their payload bytes. */
  count: number;
  bytes: number;
  /** The newest message: its id, time, retain flag, QoS, size and first TOPIC_PREVIEW_BYTES. */
  lastId: number;
  lastTime: number;
  retain: boolean;
  qos: Qos;
  size: number;
  preview: Uint8Array;
}

/** How much of the newest payload `topicStats` sends per topic (10,000 topics stay small). */
export const TOPIC_PREVIEW_BYTES = 64;

/** A capture: an imported file, stored in a database of its own apart from live history. */
export interface CaptureInfo {
  id: string;
  name: string;
  /** The file it was imported from, and when. */
  fileName?: string;
  createdAt: number;
  messages: number;
  /** Payload bytes. */
  bytes: number;
  /** Receive times of its oldest and newest message. */
  firstTime?: number;
  lastTime?: number;
  /** Still being imported (an interrupted import is listed so it can be deleted). */
  importing?: boolean;
}

/** Usage per top-level topic (the first level of the topic tree), for the Storage section. */
export interface TopLevelUsage {
  /** The first topic level; '' for topics that start with '/'. */
  level: string;
  messages: number;
  bytes: number;
}

export type ExportFormat = 'ndjson' | 'csv';

/** Progress of an export or an import, posted to the caller's callback a few times a second. */
export interface TransferProgress {
  /** Messages written (export) or stored (import) so far. */
  messages: number;
  /** Bytes of the file written or read so far, and in all when known. */
  bytes: number;
  totalBytes?: number;
  /** Messages the export will write in all, when counted beforehand. */
  totalMessages?: number;
}

export interface ExportRequest {
  /** Caller-chosen id for `cancelTransfer`. */
  jobId: string;
  format: ExportFormat;
  /** The selection: the explorer's current filter (`before` and `limit` are ignored). */
  query: HistoryQuery;
  /**
   * Where to write: a file the page obtained with `showSaveFilePicker` (written from the worker,
   * never held in memory), or absent to get a `Blob` back for a download.
   */
  file?: FileSystemFileHandle;
}

export type ExportResult = Result<{
  messages: number;
  bytes: number;
  /** The file as a Blob when no handle was given (backed by the browser's blob storage). */
  blob?: Blob;
  cancelled?: boolean;
}>;

export interface ImportRequest {
  jobId: string;
  /** The capture's name as the user gave it (refused if empty, trimmed, at most 100 characters). */
  name: string;
  /** An NDJSON export (File from a picker, drop or the launch queue). */
  file: Blob;
  fileName?: string;
}

export type ImportResult = Result<{
  capture: CaptureInfo;
  /** Lines that were not a valid message, and the first few of them described with line numbers. */
  skipped: number;
  problems: string[];
  cancelled?: boolean;
}>;

/** One series of a chart from history: a topic (name or filter) and a numeric JSON field. */
export interface SeriesSpec {
  topic: string;
  /** JSON path into the payload (`temperature`, `a.b[0]`); empty for a payload that is a number. */
  path: string;
}

export interface SeriesQuery {
  source?: string;
  series: SeriesSpec[];
  /** Inclusive time range, ms since the epoch. */
  from: number;
  to: number;
  /** Buckets across the range: the chart's width in CSS pixels (at most 4,096). */
  buckets: number;
}

/** Per bucket: NaN where no value fell in it. `times` are the buckets' start times. */
export interface SeriesData {
  spec: SeriesSpec;
  min: Float64Array;
  max: Float64Array;
  mean: Float64Array;
  /** Values that fell in the range, and messages whose payload held no number at the path. */
  values: number;
  skipped: number;
}

export type SeriesResult = Result<{
  times: Float64Array;
  series: SeriesData[];
}>;

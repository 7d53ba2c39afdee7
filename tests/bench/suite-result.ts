// What one broker's suite measured: every scenario's results, and why any could not be measured.
import type { BrokerName } from './bench-broker';
import type { CeilingResult } from './scenario-ceiling';
import type { ColdStartResult } from './scenario-cold-start';
import type { ExplorerResult } from './scenario-explorer';
import type { HeapResult } from './scenario-heap';
import type { HistoryResult } from './scenario-history';
import type { IngestResult } from './scenario-ingest';
import type { KioskResult } from './scenario-kiosk';
import type { LatencyResult } from './scenario-latency';
import type { TreeResult } from './scenario-tree';

export interface SuiteResult {
  broker: BrokerName;
  describe: string;
  ceiling: CeilingResult[];
  qos0: IngestResult[];
  /** QoS 0 ingest over the ceiling of the same run, per run where both were measured. */
  ratios: number[];
  qos1: IngestResult[];
  kb: IngestResult[];
  latency: LatencyResult[];
  fill?: IngestResult;
  heap?: HeapResult;
  /** Messages stored when heap and DOM were measured. */
  heapAtStored?: number;
  coldStart?: ColdStartResult;
  history?: HistoryResult;
  kiosk?: KioskResult;
  /** The topic tree of TREE_TOPICS topics (issue 6). */
  tree?: TreeResult;
  /** Export, import and search over `explorerMessages` stored messages (issue 6). */
  explorer?: ExplorerResult;
  /** Broker log lines that may explain a loss, from the measured part. */
  brokerNotes: string[];
  /** "scenario: why it failed", for every scenario that could not be measured. */
  errors: string[];
}

// What the bench needs of a broker it started, whichever broker it is.

export type BrokerName = 'mosquitto' | 'aedes';

export interface BenchBroker {
  name: BrokerName;
  /** What the app and the bare subscriber connect to (MQTT over WebSocket). */
  browserUrl: string;
  /** What the publisher connects to. */
  publisherUrl: string;
  /** One line for the report: which broker, configured how. */
  describe: string;
  /** CPU ms the broker process used so far, when it can be read. */
  cpuMs(): Promise<number | undefined>;
  /** Log lines that may explain a loss (timeouts, socket errors, drops) logged in [from, until]. */
  notableLog(fromMs: number, untilMs: number): Promise<string[]>;
  stop(): Promise<void>;
}

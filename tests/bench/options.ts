// `npm run bench` flags and the two modes: full (the sizes) and smoke (a few thousand
// messages, for `npm test`, so that the bench never rots).
import { parseArgs } from 'node:util';
import type { BrokerName } from './brokers';

export interface BenchOptions {
  mode: 'full' | 'smoke';
  /**
   * The primary broker's ceiling and ingest bursts are repeated this many times, each in a fresh
   * browser profile; the figures are their medians. Other brokers run once.
   */
  runs: number;
  /** The first is the primary broker: every figure is measured against it. */
  brokers: BrokerName[];
  /** An existing app build to use instead of building one. */
  appDir?: string;
  /** Messages per ingest burst (QoS 0, QoS 1, 1 KB) and per ceiling measurement. */
  burst: number;
  /** Messages the app has received when heap and DOM are measured, and history is timed over. */
  total: number;
  latency: { ratePerS: number; durationS: number }[];
  /** Timed repetitions of each history query. */
  historyRepeat: number;
  /** The kiosk scenario: warm-up, then the measured real time, at 200 msg/s. */
  kioskWarmUpS: number;
  kioskMeasuredS: number;
  /** Only the kiosk scenario, on the primary broker (no bursts, latency, history). */
  kioskOnly: boolean;
  /** Messages stored for the export, import and search figures (issue 6). */
  explorerMessages: number;
}

const FULL = {
  runs: 3,
  burst: 200_000,
  total: 1_000_000,
  latency: [
    { ratePerS: 1_000, durationS: 10 },
    { ratePerS: 5_000, durationS: 6 },
  ],
  historyRepeat: 5,
  kioskWarmUpS: 30,
  kioskMeasuredS: 180,
  explorerMessages: 1_000_000,
};
const SMOKE = {
  runs: 1,
  burst: 3_000,
  total: 20_000,
  latency: [
    { ratePerS: 1_000, durationS: 1 },
    { ratePerS: 5_000, durationS: 0.6 },
  ],
  historyRepeat: 2,
  kioskWarmUpS: 4,
  kioskMeasuredS: 8,
  explorerMessages: 5_000,
};

export const USAGE = `npm run bench -- [--smoke] [--runs N] [--broker mosquitto|aedes|both]
                       [--app-dir DIR] [--burst N] [--total N] [--kiosk-minutes N] [--kiosk-only]
  --smoke      a few thousand messages, one run (what npm test runs)
  --runs N     repeat the primary broker's ceiling and ingest bursts N times, each in a fresh
               browser profile, and report medians (default 3; smoke 1; other brokers: 1)
  --broker     mosquitto (every figure), aedes (every figure), both (default: every figure
               against Mosquitto, then ceiling and QoS 0 ingest against Aedes)
  --app-dir    use this existing app build (default: vite build into .tmp/bench/app)
  --burst N    messages per ingest burst (default 200000; smoke 3000)
  --total N    messages received before heap, DOM and history are measured (default 1000000)
  --kiosk-minutes N  real minutes the kiosk runs at 200 msg/s after its 30 s warm-up
               (default 3; the issue's endurance is 10; smoke: 8 s after 4 s)
  --kiosk-only only the kiosk scenario, on the primary broker`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      runs: { type: 'string' },
      broker: { type: 'string', default: 'both' },
      'app-dir': { type: 'string' },
      burst: { type: 'string' },
      total: { type: 'string' },
      'kiosk-minutes': { type: 'string' },
      'kiosk-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const preset = values.smoke ? SMOKE : FULL;
  const count = (text: string | undefined, fallback: number, name: string) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`--${name} wants a positive integer\n${USAGE}`);
    return n;
  };
  const brokers: Record<string, BrokerName[]> = {
    mosquitto: ['mosquitto'],
    aedes: ['aedes'],
    both: ['mosquitto', 'aedes'],
  };
  const chosen = brokers[values.broker];
  if (!chosen) throw new Error(`--broker must be mosquitto, aedes or both\n${USAGE}`);
  const options: BenchOptions = {
    mode: values.smoke ? 'smoke' : 'full',
    runs: count(values.runs, preset.runs, 'runs'),
    brokers: chosen,
    burst: count(values.burst, preset.burst, 'burst'),
    total: count(values.total, preset.total, 'total'),
    latency: preset.latency,
    historyRepeat: preset.historyRepeat,
    kioskWarmUpS: preset.kioskWarmUpS,
    kioskMeasuredS: preset.kioskMeasuredS,
    kioskOnly: values['kiosk-only'],
    explorerMessages: preset.explorerMessages,
  };
  const minutes = values['kiosk-minutes'];
  if (minutes !== undefined) {
    const n = Number(minutes);
    if (!(n > 0)) throw new Error(`--kiosk-minutes wants a positive number\n${USAGE}`);
    options.kioskMeasuredS = Math.round(n * 60);
  }
  if (values['app-dir'] !== undefined) options.appDir = values['app-dir'];
  return options;
}

// `npm run broker`: the dev broker and the simulated device, without the app.
import { parseArgs } from 'node:util';
import {
  isAddressInUse,
  parseIntegerFlag,
  parsePortFlag,
  stopOnSignals,
  UsageError,
  USAGE_EXIT_CODE,
} from './cli-helpers';
import { startDevBroker } from './dev-broker';
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from './device-model';
import { startSimulatedDevice } from './simulated-device';

const MAX_DEVICES = 1_000;

const USAGE = `Usage: npm run broker -- [options]

Starts the dev MQTT broker (Aedes, MQTT over WebSocket) and the simulated device.

Options:
  --host <addr>        address to listen on (default 127.0.0.1)
  --port <n>           WebSocket port, 0 for any free port (default 9001)
  --path <path>        WebSocket path (default /mqtt)
  --devices <n>        number of simulated sensors (default 3)
  --interval-ms <ms>   telemetry period per sensor (default 1000)
  --no-device          start the broker alone
  -h, --help           show this help
`;

type CliOptions = {
  host: string;
  port: number;
  path: string;
  devices: number;
  intervalMs: number;
  device: boolean;
};

const FLAGS = {
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '9001' },
  path: { type: 'string', default: '/mqtt' },
  devices: { type: 'string', default: '3' },
  'interval-ms': { type: 'string', default: '1000' },
  'no-device': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function readFlags(args: string[]) {
  try {
    return parseArgs({ args, strict: true, allowPositionals: false, options: FLAGS }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseCliArgs(args: string[]): CliOptions | 'help' {
  const values = readFlags(args);
  if (values.help) return 'help';
  if (!values.path.startsWith('/'))
    throw new UsageError(`--path must start with "/", got "${values.path}"`);
  if (values.host.trim() === '') throw new UsageError('--host must not be empty');
  return {
    host: values.host,
    port: parsePortFlag('--port', values.port),
    path: values.path,
    devices: parseIntegerFlag('--devices', values.devices, 1, MAX_DEVICES),
    intervalMs: parseIntegerFlag(
      '--interval-ms',
      values['interval-ms'],
      MIN_INTERVAL_MS,
      MAX_INTERVAL_MS,
    ),
    device: !values['no-device'],
  };
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n\n${USAGE}`);
    process.exit(USAGE_EXIT_CODE);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }

  const broker = await startDevBroker({
    host: options.host,
    port: options.port,
    path: options.path,
  });
  const device = options.device
    ? await startSimulatedDevice({
        brokerUrl: broker.url,
        devices: options.devices,
        intervalMs: options.intervalMs,
      })
    : undefined;
  stopOnSignals(async () => {
    await device?.stop();
    await broker.close();
  });

  console.log(`MQTT broker (WebSocket): ${broker.url}`);
  if (device) {
    console.log(`Simulated devices: ${device.deviceIds.join(', ')} every ${options.intervalMs} ms`);
    console.log(
      'Topics: deck/devices/<id>/{online,telemetry,status,diagnostics,relay,cmd,cmd/ack}',
    );
  }
  console.log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  if (isAddressInUse(error))
    console.error('error: that port is in use; pick another with --port (0 = any free port)');
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// The simulated sensor's pure logic: seeded randomness, telemetry random walks, command handling.

export type Random = () => number;

export type DeviceState = {
  temperature: number;
  humidity: number;
  /** Percent, kept fractional so it can drain slowly; published rounded. */
  battery: number;
  intervalMs: number;
  /** The relay a switch tile drives with `set-relay`; off until told otherwise. */
  relay?: boolean;
};

export type Telemetry = { temperature: number; humidity: number; battery: number; ts: number };

/** The status enum a status light shows, derived from the temperature. */
export type DeviceStatus = 'ok' | 'warning' | 'alarm';
const STATUS_WARNING_C = 22;
const STATUS_ALARM_C = 25;

export function statusOf(temperatureC: number): DeviceStatus {
  if (temperatureC >= STATUS_ALARM_C) return 'alarm';
  return temperatureC >= STATUS_WARNING_C ? 'warning' : 'ok';
}

/** A nested JSON object (with an array) for dashboards' JSON paths: `link.rssi`, `fans[0]`. */
export type Diagnostics = {
  uptimeS: number;
  relay: boolean;
  link: { rssi: number; connected: boolean };
  fans: number[];
};

const RSSI_RANGE_DBM = [-90, -40] as const;
const FAN_RPM_RANGE = [800, 2_400] as const;

export function diagnosticsOf(state: DeviceState, random: Random, uptimeS: number): Diagnostics {
  const [rssiLow, rssiHigh] = RSSI_RANGE_DBM;
  const [fanLow, fanHigh] = FAN_RPM_RANGE;
  const rpm = () => Math.round(fanLow + random() * (fanHigh - fanLow));
  return {
    uptimeS,
    relay: state.relay === true,
    link: { rssi: Math.round(rssiLow + random() * (rssiHigh - rssiLow)), connected: true },
    fans: [rpm(), rpm()],
  };
}

export type CommandAck = { ok: boolean; command: unknown; ts: number; error?: string };

export const MIN_INTERVAL_MS = 10;
export const MAX_INTERVAL_MS = 3_600_000;
// Commands are short JSON; anything longer is refused and echoed cut, so an ack stays small.
export const MAX_COMMAND_CHARS = 4_096;
const ECHO_PREVIEW_CHARS = 200;

const TEMPERATURE_RANGE_C = [15, 30] as const;
const HUMIDITY_RANGE_PCT = [30, 70] as const;
const TEMPERATURE_STEP_C = 0.3;
const HUMIDITY_STEP_PCT = 0.6;
const BATTERY_DRAIN_MAX_PCT = 0.02;

/** mulberry32: small, fast and good enough for plausible sensor noise; same seed, same series. */
export function createSeededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const clamp = (value: number, [min, max]: readonly [number, number]): number =>
  Math.min(max, Math.max(min, value));
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export function initialDeviceState(random: Random, intervalMs: number): DeviceState {
  return {
    temperature: round(19 + random() * 4, 2),
    humidity: round(40 + random() * 15, 1),
    battery: 90 + random() * 10,
    intervalMs,
  };
}

/** One step of each random walk; a flat battery is "replaced" so long runs keep going. */
export function nextTelemetry(
  prev: DeviceState,
  random: Random,
  now: number,
): { state: DeviceState; telemetry: Telemetry } {
  const temperature = clamp(
    prev.temperature + (random() * 2 - 1) * TEMPERATURE_STEP_C,
    TEMPERATURE_RANGE_C,
  );
  const humidity = clamp(
    prev.humidity + (random() * 2 - 1) * HUMIDITY_STEP_PCT,
    HUMIDITY_RANGE_PCT,
  );
  const drained = prev.battery - random() * BATTERY_DRAIN_MAX_PCT;
  const battery = drained <= 0 ? 100 : drained;
  const state = { ...prev, temperature, humidity, battery };
  return {
    state,
    telemetry: {
      temperature: round(temperature, 2),
      humidity: round(humidity, 1),
      battery: Math.round(battery),
      ts: now,
    },
  };
}

function refuse(command: unknown, error: string, now: number): CommandAck {
  return { ok: false, command, error, ts: now };
}

/**
 * Answers one command payload. Every payload gets an ack, also one that is not JSON; only
 * `set-interval` and `set-relay` change the state.
 */
export function handleCommand(
  text: string,
  state: DeviceState,
  now: number,
): { ack: CommandAck; state: DeviceState } {
  if (text.length > MAX_COMMAND_CHARS) {
    const preview = `${text.slice(0, ECHO_PREVIEW_CHARS)}…`;
    return {
      ack: refuse(preview, `command longer than ${MAX_COMMAND_CHARS} characters`, now),
      state,
    };
  }
  let command: unknown;
  try {
    command = JSON.parse(text);
  } catch {
    return { ack: refuse(text, 'payload is not JSON', now), state };
  }
  const action =
    typeof command === 'object' && command !== null && !Array.isArray(command)
      ? (command as Record<string, unknown>).action
      : undefined;
  if (typeof action !== 'string') {
    return { ack: refuse(command, 'expected a JSON object with a string "action"', now), state };
  }
  switch (action) {
    case 'ping':
    case 'reboot':
      return { ack: { ok: true, command, ts: now }, state };
    case 'set-interval': {
      const ms = (command as Record<string, unknown>).ms;
      if (
        typeof ms !== 'number' ||
        !Number.isInteger(ms) ||
        ms < MIN_INTERVAL_MS ||
        ms > MAX_INTERVAL_MS
      ) {
        const error = `"ms" must be a whole number from ${MIN_INTERVAL_MS} to ${MAX_INTERVAL_MS}`;
        return { ack: refuse(command, error, now), state };
      }
      return { ack: { ok: true, command, ts: now }, state: { ...state, intervalMs: ms } };
    }
    case 'set-relay': {
      const on = (command as Record<string, unknown>).on;
      if (typeof on !== 'boolean') {
        return { ack: refuse(command, '"on" must be true or false', now), state };
      }
      return { ack: { ok: true, command, ts: now }, state: { ...state, relay: on } };
    }
    default:
      return { ack: refuse(command, `unknown action "${action}"`, now), state };
  }
}

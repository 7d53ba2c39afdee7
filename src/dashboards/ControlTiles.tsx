// The tiles that publish: a switch (its state read back from the topic), a button and a slider.
// They publish through the worker's publish() as the Publish form does, and show its answer.
import { Show, createSignal } from 'solid-js';
import type { PublishOptions } from '../../shared/protocol';
import type { ButtonTile, SliderTile, SwitchTile } from './dashboard-model';
import { toNumber, toText, type PathValue } from './payload-value';
import { sliderPayload } from './tile-format';
import type { TileEnv } from './tile-env';
import { errorText } from '../ui/error-text';

type Publishing = SwitchTile | ButtonTile | SliderTile;

/** One publish at a time per tile, and the broker's answer in words. */
function createSender(env: () => TileEnv, tile: () => Publishing) {
  const [busy, setBusy] = createSignal(false);
  const [answer, setAnswer] = createSignal<{ ok: boolean; text: string }>();
  async function send(payload: string) {
    const t = tile();
    const options: PublishOptions = { qos: t.qos, retain: t.retain };
    setBusy(true);
    try {
      const result = await env().publish(t.publishTopic, payload, options);
      setAnswer(
        result.ok
          ? { ok: true, text: result.acknowledged ? 'Acknowledged' : 'Sent' }
          : { ok: false, text: `Failed: ${result.message}` },
      );
    } catch (error) {
      setAnswer({ ok: false, text: `Failed: ${errorText(error)}` });
    } finally {
      setBusy(false);
    }
  }
  return { busy, answer, send };
}

function Answer(props: { answer: { ok: boolean; text: string } | undefined }) {
  return (
    <p class="tile-answer small" role="status">
      <Show when={props.answer}>
        {(a) => <span data-tone={a().ok ? 'ok' : 'bad'}>{a().text}</span>}
      </Show>
    </p>
  );
}

export function SwitchBody(props: {
  tile: SwitchTile;
  value: PathValue | undefined;
  label: string;
  env: TileEnv;
}) {
  const sender = createSender(
    () => props.env,
    () => props.tile,
  );
  const on = () => props.value?.ok === true && toText(props.value.value) === props.tile.onValue;
  return (
    <div class="tile-control">
      <button
        type="button"
        role="switch"
        class="switch"
        aria-checked={on()}
        aria-label={props.label}
        disabled={sender.busy()}
        onClick={() => void sender.send(on() ? props.tile.offPayload : props.tile.onPayload)}
      >
        <span class="switch-knob" aria-hidden="true" />
        <span class="switch-text">{on() ? 'On' : 'Off'}</span>
      </button>
      <Answer answer={sender.answer()} />
    </div>
  );
}

export function ButtonBody(props: { tile: ButtonTile; label: string; env: TileEnv }) {
  const sender = createSender(
    () => props.env,
    () => props.tile,
  );
  return (
    <div class="tile-control">
      <button
        type="button"
        class="btn primary"
        disabled={sender.busy()}
        onClick={() => void sender.send(props.tile.payload)}
      >
        {props.label}
      </button>
      <Answer answer={sender.answer()} />
    </div>
  );
}

export function SliderBody(props: {
  tile: SliderTile;
  value: PathValue | undefined;
  label: string;
  env: TileEnv;
}) {
  const sender = createSender(
    () => props.env,
    () => props.tile,
  );
  // While the person holds the slider it shows their number, not the topic's.
  const [held, setHeld] = createSignal<number>();
  const reported = () => (props.value?.ok ? toNumber(props.value.value) : undefined);
  const shown = () => held() ?? reported() ?? props.tile.min;
  return (
    <div class="tile-control">
      <input
        type="range"
        class="slider"
        aria-label={props.label}
        min={props.tile.min}
        max={props.tile.max}
        step={props.tile.step || 'any'}
        value={shown()}
        disabled={sender.busy()}
        onInput={(e) => setHeld(e.currentTarget.valueAsNumber)}
        onChange={(e) => {
          const value = e.currentTarget.valueAsNumber;
          void sender
            .send(sliderPayload(props.tile.payload, value))
            .finally(() => setHeld(undefined));
        }}
      />
      <p class="tile-number slider-value">{shown()}</p>
      <Answer answer={sender.answer()} />
    </div>
  );
}

// A kiosk's connection: started by itself with the saved profile, and never given up. The
// session's backoff retries a lost connection forever; what it stops on for good (a CONNACK
// refusal, a storage error, another tab holding the connection) the kiosk retries after a minute.
import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import type { ConnectionProfile, DeckError, StatusEvent } from '../../shared/protocol';
import { deckBridge, type DeckBridge } from '../worker-bridge';
import { errorText } from '../ui/error-text';

/** The wait after an end the session does not retry by itself: long, as it is likely to recur. */
export const KIOSK_RETRY_MS = 60_000;

const NO_PROFILE =
  'No saved connection on this device. Open Connection in MQTT Deck and connect once; ' +
  'the kiosk uses that connection.';

/** Why the kiosk is not connected, in words, with what a person can do about it. */
export function kioskProblem(error: DeckError, profile: ConnectionProfile | undefined): string {
  const auth = error.code === 'not-authorized' || error.code === 'bad-credentials';
  if (auth && profile && profile.password === '') {
    return (
      'The broker wants a password and this device does not remember one. Open Connection, ' +
      'tick Remember password and connect once; the kiosk then uses it.'
    );
  }
  return error.message;
}

export function createKioskConnection(
  status: () => StatusEvent,
  bridge: Pick<DeckBridge, 'loadProfile' | 'connect'> = deckBridge(),
) {
  const [problem, setProblem] = createSignal<string>();
  const [retryAt, setRetryAt] = createSignal<number>();
  let profile: ConnectionProfile | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;

  /** Once per end: a later status of the same stop must not push the retry further away. */
  function retryLater() {
    if (timer !== undefined) return;
    setRetryAt(Date.now() + KIOSK_RETRY_MS);
    timer = setTimeout(() => {
      timer = undefined;
      setRetryAt(undefined);
      // A status that trailed (a snapshot) may have looked like an end: never drop a live client.
      const state = status().state;
      if (state === 'error' || state === 'disconnected') void start();
    }, KIOSK_RETRY_MS);
  }

  async function start() {
    // Read again on every try: the person may have fixed the profile in another tab meanwhile.
    profile = await bridge.loadProfile().catch(() => undefined);
    if (!profile) {
      setProblem(NO_PROFILE);
      return retryLater();
    }
    started = true;
    try {
      const result = await bridge.connect(profile);
      if (result.ok) return;
      setProblem(kioskProblem(result, profile));
    } catch (error) {
      setProblem(errorText(error));
    }
    retryLater();
  }

  createEffect(
    on(status, (s) => {
      if (!started) return;
      if (s.state === 'connected') {
        setProblem(undefined);
        clearTimeout(timer);
        timer = undefined;
        setRetryAt(undefined);
      } else if (s.state === 'error' || s.state === 'disconnected') {
        // A kiosk never disconnects on purpose: every stop is one to come back from.
        if (s.error) setProblem(kioskProblem(s.error, profile));
        retryLater();
      }
    }),
  );
  onCleanup(() => clearTimeout(timer));
  // Opened from the app in the same tab: the connection it has is the saved one; keep it.
  const live = status().state;
  if (live === 'connected' || live === 'connecting' || live === 'reconnecting') started = true;
  else void start();

  return {
    /** Why it is not connected and will not be until the next try; undefined otherwise. */
    problem,
    /** When the kiosk tries again by itself (ms since the epoch), while it waits to. */
    retryAt,
  };
}

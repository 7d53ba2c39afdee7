// The payload decoder rules as the detail view edits them: loaded once from the worker, saved
// whole. Created on first use by the (lazily loaded) payload panel, so the first load skips it.
import { createSignal } from 'solid-js';
import type { DecoderId, DecoderRule } from '../../shared/protocol';
import { deckBridge, type DeckBridge } from '../worker-bridge';

type RulesBridge = Pick<DeckBridge, 'loadDecoderRules' | 'saveDecoderRules'>;

export function createDecoderRules(bridge: RulesBridge) {
  const [rules, setRules] = createSignal<DecoderRule[]>([]);
  const [error, setError] = createSignal<string>();
  void bridge.loadDecoderRules().then(setRules, () => {}); // no storage: no rules

  async function save(next: DecoderRule[]): Promise<boolean> {
    setError(undefined);
    try {
      const result = await bridge.saveDecoderRules(next);
      if (!result.ok) {
        setError(result.message);
        return false;
      }
      setRules(result.rules);
      return true;
    } catch (failure) {
      setError(`The rules could not be saved: ${String(failure)}`);
      return false;
    }
  }

  return {
    rules,
    /** Why the last save was refused. */
    error,
    /** Puts the rule first (it wins over broader ones), replacing one with the same filter. */
    add: (filter: string, decoder: DecoderId) =>
      save([{ filter, decoder }, ...rules().filter((r) => r.filter !== filter)]),
    remove: (filter: string) => save(rules().filter((r) => r.filter !== filter)),
  };
}

export type DecoderRulesStore = ReturnType<typeof createDecoderRules>;
let shared: DecoderRulesStore | undefined;

/** The app's one rules store, created with the first payload panel. */
export function useDecoderRules(): DecoderRulesStore {
  shared ??= createDecoderRules(deckBridge());
  return shared;
}

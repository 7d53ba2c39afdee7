// The payload decoder rules (topic filter → decoder) in the settings store, validated both when
// saved and when read back: an older or newer version of the app may have written them.
import type { DeckDb } from '../db/database';
import { STORES } from '../db/database';
import { validateTopicFilter } from '../../shared/mqtt/topics';
import type { DecoderId, DecoderRule, Result } from '../../shared/protocol';

/** Most rules kept: a list a person edits by hand, not a database. */
export const MAX_DECODER_RULES = 100;
const DECODER_IDS: readonly DecoderId[] = ['text', 'json', 'hex', 'base64', 'msgpack', 'cbor'];
const SETTINGS_KEY = 'decoders';

export interface DecoderRulesStore {
  load(): Promise<DecoderRule[]>;
  save(rules: DecoderRule[]): Promise<Result<{ rules: DecoderRule[] }>>;
}

/** Why `value` is not a rule, or null when it is one. */
export function decoderRuleError(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'A decoder rule must be an object.';
  const { filter, decoder } = value as Record<string, unknown>;
  if (typeof filter !== 'string') return 'A decoder rule needs a topic filter.';
  const filterError = validateTopicFilter(filter);
  if (filterError) return filterError;
  if (!DECODER_IDS.includes(decoder as DecoderId)) return `"${String(decoder)}" is not a decoder.`;
  return null;
}

/** The valid rules of a stored value, in order, one per filter (the first kept), copied clean. */
export function readDecoderRules(stored: unknown): DecoderRule[] {
  if (!Array.isArray(stored)) return [];
  const seen = new Set<string>();
  const rules: DecoderRule[] = [];
  for (const value of stored as unknown[]) {
    if (decoderRuleError(value) !== null) continue;
    const { filter, decoder } = value as DecoderRule;
    if (seen.has(filter)) continue;
    seen.add(filter);
    rules.push({ filter, decoder });
    if (rules.length === MAX_DECODER_RULES) break;
  }
  return rules;
}

export function createDecoderRulesStore(db: () => Promise<DeckDb>): DecoderRulesStore {
  return {
    async load() {
      try {
        return readDecoderRules(await (await db()).get(STORES.settings, SETTINGS_KEY));
      } catch {
        return []; // no storage: every payload is shown with its automatic decoder
      }
    },
    async save(rules) {
      if (!Array.isArray(rules) || rules.length > MAX_DECODER_RULES) {
        return {
          ok: false,
          code: 'invalid-option',
          message: `At most ${MAX_DECODER_RULES} decoder rules can be kept.`,
        };
      }
      for (const rule of rules) {
        const error = decoderRuleError(rule);
        if (error) return { ok: false, code: 'invalid-option', message: error };
      }
      const clean = readDecoderRules(rules);
      await (await db()).put(STORES.settings, clean, SETTINGS_KEY);
      return { ok: true, rules: clean };
    },
  };
}

// Decoder rules: validated on save and on read back, matched first-wins against topics.
import { describe, expect, test } from 'vitest';
import { ruleFor } from '../../src/decoders/decoders';
import { decoderRuleError, readDecoderRules } from '../../worker/saved/decoder-rules-store';

describe('decoder rules', () => {
  test('invalid rules are named', () => {
    expect(decoderRuleError({ filter: 'sensors/+/packed', decoder: 'msgpack' })).toBeNull();
    expect(decoderRuleError({ filter: 'a/#/b', decoder: 'cbor' })).toMatch(/"#"/);
    expect(decoderRuleError({ filter: 'a', decoder: 'yaml' })).toMatch(/"yaml" is not a decoder/);
    expect(decoderRuleError('a')).toMatch(/object/);
  });

  test('read back: invalid entries dropped, one per filter, extra fields removed', () => {
    const stored = [
      { filter: 'x/+', decoder: 'cbor', extra: 1 },
      { filter: '', decoder: 'json' },
      { filter: 'x/+', decoder: 'json' },
      null,
      { filter: 'y', decoder: 'hex' },
    ];
    expect(readDecoderRules(stored)).toEqual([
      { filter: 'x/+', decoder: 'cbor' },
      { filter: 'y', decoder: 'hex' },
    ]);
    expect(readDecoderRules('not a list')).toEqual([]);
  });

  test('the first matching rule wins', () => {
    const rules = [
      { filter: 'sensors/+/packed', decoder: 'msgpack' },
      { filter: 'sensors/#', decoder: 'cbor' },
    ] as const;
    expect(ruleFor(rules, 'sensors/a/packed')?.decoder).toBe('msgpack');
    expect(ruleFor(rules, 'sensors/a/raw')?.decoder).toBe('cbor');
    expect(ruleFor(rules, 'other')).toBeUndefined();
  });
});

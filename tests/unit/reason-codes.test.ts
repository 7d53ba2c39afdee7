// Every MQTT 5 reason code of §2.4 has the specification's words, and each packet kind words its
// codes for a person: SUBACK, UNSUBACK, PUBACK/PUBREC, server DISCONNECT and AUTH.
import { describe, expect, it } from 'vitest';
import { disconnectError, publishRefusal } from '../../worker/session/error-codes';
import {
  authReason,
  reasonName,
  reasonStringNote,
  subscriptionRefusal,
  unsubscribeRefusal,
} from '../../worker/session/reason-codes';

// §2.4 Table 2-6, every code.
const TABLE = [
  0x00,
  0x01,
  0x02,
  0x04,
  0x10,
  0x11,
  0x18,
  0x19,
  ...Array.from({ length: 0xa3 - 0x80 }, (_, i) => 0x80 + i),
];

describe('MQTT 5 reason codes in words', () => {
  it('names every code of the table, never as a bare number', () => {
    for (const code of TABLE) expect(reasonName(code)).not.toMatch(/^reason code/);
    expect(reasonName(0x03)).toBe('reason code 0x03');
    expect(reasonName(0x18)).toBe('Continue authentication (0x18)');
    expect(reasonName(0x19)).toBe('Re-authenticate (0x19)');
    expect(reasonName(0x8c)).toBe('Bad authentication method (0x8C)');
  });

  it('names 0x00 by the packet it came in', () => {
    expect(reasonName(0, 'suback')).toBe('Granted QoS 0 (0x00)');
    expect(reasonName(0, 'disconnect')).toBe('Normal disconnection (0x00)');
    expect(reasonName(0, 'puback')).toBe('Success (0x00)');
  });

  it('words every SUBACK failure code of §3.9.3', () => {
    const words: Record<number, RegExp> = {
      0x80: /refused this subscription: Unspecified error \(0x80\)/,
      0x83: /reason of its own: Implementation specific error/,
      0x87: /Not authorized to subscribe to this filter: Not authorized \(0x87\)/,
      0x8f: /does not accept this topic filter: Topic Filter invalid/,
      0x91: /already in use; subscribe again: Packet Identifier in use/,
      0x97: /quota is exceeded: Quota exceeded/,
      0x9e: /shared subscriptions: Shared Subscriptions not supported/,
      0xa1: /subscription identifiers: Subscription Identifiers not supported/,
      0xa2: /wildcard subscriptions: Wildcard Subscriptions not supported/,
    };
    for (const [code, sentence] of Object.entries(words)) {
      expect(subscriptionRefusal(Number(code), 5)).toMatch(sentence);
    }
    expect(subscriptionRefusal(0x80, 4)).toBe('The broker refused this subscription.');
  });

  it('words UNSUBACK refusals; success and "no subscription existed" are none', () => {
    expect(unsubscribeRefusal(0x00)).toBeUndefined();
    expect(unsubscribeRefusal(0x11)).toBeUndefined();
    expect(unsubscribeRefusal(0x87)).toBe(
      'Not authorized to unsubscribe from this filter: Not authorized (0x87). The subscription stays.',
    );
    expect(unsubscribeRefusal(0x80)).toMatch(/refused to unsubscribe: Unspecified error/);
  });

  it('words PUBACK/PUBREC refusals with the broker’s reason string, cut short', () => {
    expect(publishRefusal(0x87, 'acl')).toEqual({
      code: 'not-authorized',
      message:
        'Not authorized to publish to this topic: Not authorized (0x87). The broker said: “acl”',
    });
    expect(publishRefusal(0x99).message).toMatch(/Payload format invalid \(0x99\)\.$/);
    expect(reasonStringNote('x'.repeat(500)).length).toBeLessThan(230);
    expect(reasonStringNote(42)).toBe('');
  });

  it('words server DISCONNECT and AUTH codes', () => {
    expect(disconnectError(0x8b, 'maintenance').message).toBe(
      'The broker closed the connection: Server shutting down (0x8B). The broker said: “maintenance”',
    );
    expect(disconnectError(0x9c).message).toMatch(/Use another server \(0x9C\)/);
    expect(authReason(0x18)).toMatch(/another authentication step: Continue authentication/);
    expect(authReason(0x19)).toMatch(/Re-authenticate \(0x19\)/);
    expect(authReason(0)).toMatch(/Success \(0x00\)/);
  });
});

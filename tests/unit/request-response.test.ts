// Request/response matching: a received message on a pending request's response topic with
// equal correlation data answers it once; bounded in count (200) and age (10 minutes).
import { describe, expect, it } from 'vitest';
import {
  createRequestMatcher,
  PENDING_REQUESTS_MAX,
  REQUEST_TTL_MS,
} from '../../worker/outbox/request-response';
import type { RequestResponse } from '../../worker/outbox/request-response';

const bytes = (s: string) => new TextEncoder().encode(s);

function setup() {
  let clock = 1_000;
  const answered: [number, RequestResponse][] = [];
  const matcher = createRequestMatcher({
    answered: (seq, response) => answered.push([seq, response]),
    now: () => clock,
  });
  let id = 0;
  const receive = (topic: string, correlationData?: Uint8Array, connectionId = 'c') =>
    matcher.observe({
      id: ++id,
      connectionId,
      topic,
      time: clock,
      ...(correlationData ? { properties: { correlationData } } : {}),
    });
  return { matcher, answered, receive, tick: (ms: number) => (clock += ms) };
}

describe('request/response matching', () => {
  it('answers the request whose correlation data equals the message’s, once', () => {
    const { matcher, answered, receive } = setup();
    matcher.track(1, 'c', 'reply', bytes('a'));
    matcher.track(2, 'c', 'reply', bytes('b'));
    receive('reply', bytes('b'));
    receive('other', bytes('a'));
    receive('reply', bytes('c'));
    receive('reply', bytes('a'), 'another-connection');
    expect(answered).toEqual([[2, { messageId: 1, at: 1_000 }]]);
    receive('reply', bytes('b'));
    receive('reply', bytes('a'));
    expect(answered.map(([seq]) => seq)).toEqual([2, 1]);
    expect(matcher.pendingCount()).toBe(0);
  });

  it('answers a request without correlation data with the first message on its topic', () => {
    const { matcher, answered, receive } = setup();
    matcher.track(5, 'c', 'reply');
    receive('reply', bytes('anything'));
    receive('reply');
    expect(answered.map(([seq, r]) => [seq, r.messageId])).toEqual([[5, 1]]);
  });

  it('forgets requests after 10 minutes and beyond 200', () => {
    const { matcher, answered, receive, tick } = setup();
    matcher.track(1, 'c', 'old');
    tick(REQUEST_TTL_MS);
    receive('old');
    expect(answered).toEqual([]);
    for (let seq = 10; seq < 10 + PENDING_REQUESTS_MAX + 1; seq++) {
      matcher.track(seq, 'c', `r/${seq}`);
    }
    expect(matcher.pendingCount()).toBe(PENDING_REQUESTS_MAX);
    receive('r/10'); // the oldest went first
    receive(`r/${10 + PENDING_REQUESTS_MAX}`);
    expect(answered.map(([seq]) => seq)).toEqual([10 + PENDING_REQUESTS_MAX]);
  });
});

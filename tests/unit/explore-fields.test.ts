// The Explore tab's pure parts: the form's fields ↔ the filter (local times, inclusive ends,
// inline errors) and the timeline of messages and connection events.
import { describe, expect, test } from 'vitest';
import {
  EMPTY_FIELDS,
  activeConditions,
  fieldsOf,
  fromLocalInput,
  parseFields,
  toLocalInput,
} from '../../src/history/explore/filter-fields';
import {
  disconnectedSpans,
  eventText,
  mergeTimeline,
} from '../../src/history/explore/timeline-rows';
import type { ConnectionLogEntry, MessageSummary } from '../../shared/protocol';

const message = (id: number, time: number): MessageSummary => ({
  id,
  connectionId: 'c',
  topic: `t/${id}`,
  qos: 0,
  retain: false,
  time,
  size: 0,
  preview: new Uint8Array(0),
});
const event = (
  seq: number,
  time: number,
  kind: ConnectionLogEntry['kind'],
): ConnectionLogEntry => ({
  seq,
  time,
  kind,
  connectionId: 'c',
  url: 'ws://b/mqtt',
  reason: kind === 'connected' ? undefined : 'lost',
});

describe('filter fields', () => {
  test('local times: seconds kept, a minute or a second "to" includes all of it', () => {
    const at = new Date(2026, 10, 27, 14, 3, 22).getTime();
    expect(toLocalInput(at)).toBe('2026-11-27T14:03:22');
    expect(fromLocalInput('2026-11-27T14:03:22')).toBe(at);
    expect(fromLocalInput('2026-02-30T10:00')).toBeNaN();
    const minute = parseFields({ ...EMPTY_FIELDS, to: '2026-11-27T14:03' }).filter;
    expect(minute?.to).toBe(new Date(2026, 10, 27, 14, 3, 59, 999).getTime());
    const second = parseFields({ ...EMPTY_FIELDS, to: '2026-11-27T14:03:22' }).filter;
    expect(second?.to).toBe(at + 999);
  });

  test('every condition maps to the filter and back', () => {
    const fields = {
      ...EMPTY_FIELDS,
      topicFilter: 'a/+/#',
      from: '2026-11-27T14:03:22',
      text: 'x+',
      regex: true,
      ignoreCase: true,
      direction: 'published' as const,
      qos: [false, true, true] as [boolean, boolean, boolean],
      retained: 'not' as const,
    };
    const { filter, errors } = parseFields(fields);
    expect(errors).toEqual({});
    expect(filter).toEqual({
      topicFilter: 'a/+/#',
      from: new Date(2026, 10, 27, 14, 3, 22).getTime(),
      text: 'x+',
      regex: true,
      ignoreCase: true,
      direction: 'published',
      qos: [1, 2],
      retained: false,
    });
    expect(fieldsOf(filter!)).toEqual(fields);
    expect(activeConditions(filter!)).toBe(6);
    expect(parseFields(EMPTY_FIELDS).filter).toEqual({});
  });

  test('bad input gets an error in words and no filter', () => {
    const bad = parseFields({
      ...EMPTY_FIELDS,
      topicFilter: 'a/#/b',
      from: '2026-11-27T15:00',
      to: '2026-11-27T14:00',
      text: '(',
      regex: true,
      qos: [false, false, false],
    });
    expect(bad.filter).toBeUndefined();
    expect(bad.errors.topicFilter).toMatch(/#/);
    expect(bad.errors.to).toMatch(/before "From"/);
    expect(bad.errors.text).toMatch(/^Not a valid regular expression: /);
    expect(bad.errors.qos).toMatch(/at least one/);
  });
});

describe('timeline rows', () => {
  test('events sit between the messages by time, newest first', () => {
    const rows = mergeTimeline(
      [message(3, 300), message(2, 200), message(1, 100)],
      [event(3, 400, 'disconnected'), event(2, 250, 'connected'), event(1, 50, 'disconnected')],
    );
    expect(
      rows.map((r) => (r.kind === 'message' ? `m${r.message.id}` : `e${r.entry.seq}`)),
    ).toEqual(['e3', 'm3', 'e2', 'm2', 'm1', 'e1']);
  });

  test('disconnected spans run from a disconnect to the next connect, or to the end', () => {
    const events = [
      event(4, 900, 'disconnected'),
      event(3, 500, 'connected'),
      event(2, 300, 'refused'),
      event(1, 200, 'disconnected'),
    ];
    expect(disconnectedSpans(events, 100, 1_000)).toEqual([
      { start: 200, end: 500 },
      { start: 900, end: 1_000 },
    ]);
    expect(eventText(events[1]!)).toBe('Connected to ws://b/mqtt');
    expect(eventText(events[3]!)).toBe('Disconnected — lost');
  });
});

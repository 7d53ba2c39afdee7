// Topic filter and topic name rules (MQTT §4.7), and matching, including `$` topics.
import { describe, expect, it } from 'vitest';
import { topicMatches, validatePublishTopic, validateTopicFilter } from '../../shared/mqtt/topics';

describe('validateTopicFilter', () => {
  it.each([
    ['a/#/b', /last level/],
    ['a/b#', /whole level/],
    ['#a', /whole level/],
    ['+a', /whole level/],
    ['a/+b/c', /whole level/],
    ['', /empty/],
    ['a\u0000b', /NUL/],
    ['x'.repeat(65_536), /65,536 bytes.*65,535/],
    ['é'.repeat(32_768), /65,536 bytes/],
  ])('rejects %j with a reason', (filter, reason) => {
    expect(validateTopicFilter(filter)).toMatch(reason);
  });

  it.each(['#', '+', 'a/#', 'a/+/c', '+/+', '/', 'a//b', '$SYS/#', 'x'.repeat(65_535), 'küche/+'])(
    'accepts %j',
    (filter) => expect(validateTopicFilter(filter)).toBeNull(),
  );
});

describe('validatePublishTopic', () => {
  it.each([
    ['a/+', /wildcards/],
    ['a/#', /wildcards/],
    ['#', /wildcards/],
    ['', /empty/],
    ['a\u0000', /NUL/],
    ['y'.repeat(65_536), /65,535/],
  ])('rejects %j with a reason', (topic, reason) => {
    expect(validatePublishTopic(topic)).toMatch(reason);
  });

  it.each(['a/b', '/', 'deck/devices/1/cmd', '$app/x', '<script>'])('accepts %j', (topic) =>
    expect(validatePublishTopic(topic)).toBeNull(),
  );
});

describe('topicMatches', () => {
  it.each([
    ['#', 'a', true],
    ['#', 'a/b/c', true],
    ['a/#', 'a', true],
    ['a/#', 'a/b/c', true],
    ['a/+', 'a/b', true],
    ['a/+', 'a/', true],
    ['a/+', 'a/b/c', false],
    ['+/+', '/x', true],
    ['a/b', 'a/b', true],
    ['a/b', 'a/B', false],
    ['a/b', 'a/b/c', false],
    ['a/+/c', 'a/b/c', true],
    ['a/+/c', 'a/b/d', false],
    ['#', '$SYS/broker', false],
    ['+/broker', '$SYS/broker', false],
    ['$SYS/#', '$SYS/broker', true],
    ['$SYS/+', '$SYS/broker', true],
  ])('%s against %s: %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });
});

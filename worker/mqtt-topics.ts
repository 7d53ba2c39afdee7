// MQTT topic rules (MQTT 3.1.1 §4.7, MQTT 5 §4.7): validation of filters and names, and matching.
// Pure functions shared by the UI (inline errors) and the worker (the last guard before the wire).

const MAX_TOPIC_BYTES = 65_535;
const utf8 = new TextEncoder();

function commonTopicError(topic: string, what: string): string | null {
  if (topic.length === 0) return `The ${what} is empty.`;
  if (topic.includes('\u0000')) return `The ${what} contains a NUL character (U+0000).`;
  const bytes = utf8.encode(topic).length;
  if (bytes > MAX_TOPIC_BYTES) {
    return `The ${what} is ${bytes.toLocaleString('en')} bytes long; MQTT allows at most 65,535.`;
  }
  return null;
}

/** Returns why `filter` is not a valid subscription filter, or null when it is. */
export function validateTopicFilter(filter: string): string | null {
  const common = commonTopicError(filter, 'topic filter');
  if (common) return common;
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    if (level.includes('#')) {
      if (level !== '#') return `"#" must fill a whole level, as in "a/#" (found "${level}").`;
      if (i !== levels.length - 1) return '"#" is only allowed as the last level of a filter.';
    }
    if (level.includes('+') && level !== '+') {
      return `"+" must fill a whole level, as in "a/+/c" (found "${level}").`;
    }
  }
  return null;
}

/** Returns why `topic` cannot be published to, or null when it can. */
export function validatePublishTopic(topic: string): string | null {
  const common = commonTopicError(topic, 'topic');
  if (common) return common;
  if (topic.includes('+') || topic.includes('#')) {
    return 'A publish topic cannot contain the wildcards "+" or "#".';
  }
  return null;
}

/** Whether a topic name matches a (valid) filter; `$` topics are not matched by leading wildcards. */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

// MQTT string and topic rules (MQTT 3.1.1 §1.5.3 and §4.7, MQTT 5 §1.5.4 and §4.7): validation of
// strings, filters and names, and matching. Pure functions shared by the UI (inline errors) and
// the worker (the last guard before the wire).

const MAX_STRING_BYTES = 65_535;
const utf8 = new TextEncoder();

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why one code point may not travel in an MQTT string, or null. U+0000 and surrogates are
 * forbidden by the spec; control characters and non-characters are only "SHOULD NOT", but
 * Mosquitto closes the connection on them (its UTF-8 check treats them as malformed), so a
 * publish holding one would be lost, or retried forever from the outbox: they are refused too.
 */
function codePointProblem(codePoint: number): string | null {
  if (codePoint === 0) return 'a NUL character (U+0000)';
  if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) {
    return `the control character ${hex(codePoint)}`;
  }
  if ((codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe) {
    return `the non-character ${hex(codePoint)}`;
  }
  return null;
}

/**
 * Returns why `value` cannot be sent as an MQTT UTF-8 string, or null when it can. A lone
 * surrogate is caught here, before encoding: TextEncoder would silently turn it into U+FFFD.
 * `what` names the string in the message ("The topic", "The user property name \"a\"").
 */
export function mqttStringError(value: string, what: string): string | null {
  let position = 0;
  for (let i = 0; i < value.length; i++) {
    position += 1;
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const problem = codePointProblem(value.codePointAt(i) ?? 0);
        if (problem) return `${what} contains ${problem} at character ${position}.`;
        i += 1;
        continue;
      }
      const kind = unit <= 0xdbff ? 'high' : 'low';
      return `${what} contains a lone ${kind} surrogate (${hex(unit)}) at character ${position}; it cannot be encoded as UTF-8.`;
    }
    const problem = unit < 0xa0 || unit >= 0xfdd0 ? codePointProblem(unit) : null;
    if (problem) return `${what} contains ${problem} at character ${position}.`;
  }
  // Only now is encoding faithful; most strings are far below the limit even at 3 bytes a unit.
  if (value.length * 3 > MAX_STRING_BYTES) {
    const bytes = utf8.encode(value).length;
    if (bytes > MAX_STRING_BYTES) {
      return `${what} is ${bytes.toLocaleString('en')} bytes long; MQTT allows at most 65,535.`;
    }
  }
  return null;
}

function commonTopicError(topic: string, what: string): string | null {
  if (topic.length === 0) return `The ${what} is empty.`;
  return mqttStringError(topic, `The ${what}`);
}

function shareError(filter: string): string | null {
  // $share/{ShareName}/{filter} (MQTT 5 §4.8.2): a name without wildcards, then a filter.
  const rest = filter.slice('$share/'.length);
  const slash = rest.indexOf('/');
  const name = slash < 0 ? rest : rest.slice(0, slash);
  if (name === '' || name.includes('+') || name.includes('#')) {
    return 'A shared subscription needs a share name without wildcards, as in "$share/group/a/#".';
  }
  if (slash < 0 || slash === rest.length - 1) {
    return 'A shared subscription needs a topic filter after its share name, as in "$share/group/a/#".';
  }
  return null;
}

/** Returns why `filter` is not a valid subscription filter, or null when it is. */
export function validateTopicFilter(filter: string): string | null {
  const common = commonTopicError(filter, 'topic filter');
  if (common) return common;
  if (filter.startsWith('$share/')) {
    const share = shareError(filter);
    if (share) return share;
  }
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
  const wildcard = topic.search(/[+#]/);
  if (wildcard >= 0) {
    return `A publish topic cannot contain the wildcards "+" or "#" (found "${topic.charAt(wildcard)}" at character ${wildcard + 1}).`;
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

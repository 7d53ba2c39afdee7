// The NDJSON lines of one segment's matching messages, written straight from the segment's columns:
// no message object, no payload copy, each topic and connection quoted once per segment. Gives
// exactly what ndjsonLine gives for messageAt's message (the export test compares them byte for byte).
import { payloadText, propertiesJson, toBase64 } from './ndjson-format';
import type { SegmentView } from '../../db/segment/segment-open';
import { FLAG_PUBLISHED, FLAG_QOS_MASK, FLAG_RETAIN } from '../../db/segment/segment-layout';
import { payloadView, propertiesAt } from '../../db/segment/segment-read';

export function segmentNdjson(
  view: SegmentView,
  matches: readonly number[],
  topicName: (id: number) => string,
): string {
  const topics = new Map<number, string>();
  const connections = view.connections.map((c) => JSON.stringify(c));
  const lines: string[] = [];
  for (const i of matches) {
    const topicId = view.topicIds[i]!;
    let topic = topics.get(topicId);
    if (topic === undefined) {
      topic = JSON.stringify(topicName(topicId));
      topics.set(topicId, topic);
    }
    const flags = view.flags[i]!;
    const direction = flags & FLAG_PUBLISHED ? 'published' : 'received';
    const retain = (flags & FLAG_RETAIN) !== 0;
    const payload = payloadView(view, i);
    const text = payloadText(payload);
    const body =
      text === undefined
        ? `"payloadBase64":"${toBase64(payload)}"`
        : `"payload":${JSON.stringify(text)}`;
    const properties = propertiesAt(view, i);
    const tail = properties ? `,"properties":${JSON.stringify(propertiesJson(properties))}` : '';
    lines.push(
      `{"id":${view.ids[i]},"time":${view.times[i]},"topic":${topic},"direction":"${direction}",` +
        `"qos":${flags & FLAG_QOS_MASK},"retain":${retain},` +
        `"connection":${connections[view.connectionIndex[i]!]},${body}${tail}}\n`,
    );
  }
  return lines.join('');
}

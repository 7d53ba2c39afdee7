// How a tree row words its numbers: relative times, rates, level names and the value preview.
import { formatPreview } from '../../ui/payload-format';
import type { TopicNode } from './topic-tree';

/** Characters of the last value a row shows. */
export const ROW_PREVIEW_CHARS = 60;

/** `just now`, `42 s ago`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function relativeTime(time: number, now: number): string {
  const s = Math.max(0, Math.round((now - time) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3_600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3_600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** A level as shown: an empty level gets words, since nothing would be seen. */
export function levelName(node: TopicNode): string {
  return node.name === '' ? '(empty level)' : node.name;
}

/** The topic as shown in sentences: the empty topic cannot be, but a first empty level can. */
export function topicLabel(topic: string): string {
  return topic === '' ? '(empty first level)' : topic;
}

/** `12/min`, or empty when nothing arrived in the last minute. */
export function rateText(perMinute: number): string {
  return perMinute > 0 ? `${perMinute.toLocaleString('en-US')}/min` : '';
}

/** The node's own last value in one short line, or how many topics are below it. */
export function valuePreview(node: TopicNode): string {
  const own = node.own;
  if (!own)
    return `${node.topics.toLocaleString('en-US')} topic${node.topics === 1 ? '' : 's'} below`;
  if (own.size === 0) return '(empty)';
  const preview = formatPreview(own.preview, own.size, ROW_PREVIEW_CHARS);
  return preview.cut ? `${preview.text}…` : preview.text;
}

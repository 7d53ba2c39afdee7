// The payloads of one segment as text, cheaply: Chromium's TextDecoder costs microseconds a call,
// which for a million small payloads was most of a chart's time. An ASCII payload is a slice of
// the segment's payload bytes decoded once; only other payloads get a (strict UTF-8) call each.
import type { SegmentView } from '../../db/segment/segment-open';
import { payloadStart, payloadView } from '../../db/segment/segment-read';
import { SERIES_PAYLOAD_MAX_BYTES } from '../../../shared/json/series-values';

/** Above this the segment is one huge message or a few: decoded per message, never as a whole. */
const WHOLE_DECODE_MAX_BYTES = 4 * 1_048_576;

const utf8 = new TextDecoder('utf-8', { fatal: true });
// windows-1252 (what 'latin1' means to TextDecoder) maps every ASCII byte to itself.
const bytewise = new TextDecoder('latin1');

/** Message i's payload as text; undefined when too big (SERIES_PAYLOAD_MAX_BYTES) or not UTF-8. */
export function segmentTexts(view: SegmentView): (i: number) => string | undefined {
  const bytes = view.payloads;
  let whole: string | undefined;
  return (i) => {
    const start = payloadStart(view, i);
    const end = view.payloadEnds[i]!;
    if (end - start > SERIES_PAYLOAD_MAX_BYTES) return undefined;
    let ascii = true;
    for (let k = start; k < end; k++) {
      if (bytes[k]! > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii && bytes.byteLength <= WHOLE_DECODE_MAX_BYTES) {
      whole ??= bytewise.decode(bytes);
      return whole.slice(start, end);
    }
    try {
      return utf8.decode(payloadView(view, i));
    } catch {
      return undefined;
    }
  };
}

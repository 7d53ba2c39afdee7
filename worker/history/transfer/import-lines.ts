// Splits a file into lines as it streams in, holding at most one line: a line longer than
// MAX_LINE_CHARS is skipped as it goes (reported, never buffered whole).
/** Longest line accepted, in UTF-16 code units (a 24 MiB binary payload as base64 fits). */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;

export type FileLine =
  | { number: number; text: string; bytesRead: number }
  | { number: number; tooLong: true; bytesRead: number };

/** The lines of `stream` (UTF-8), numbered from 1, without their `\n` or `\r\n`. */
export async function* fileLines(
  stream: ReadableStream<Uint8Array>,
  maxChars = MAX_LINE_CHARS,
): AsyncGenerator<FileLine> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let parts: string[] = [];
  let partChars = 0;
  let tooLong = false;
  let number = 0;
  let bytesRead = 0;
  const finish = (tail: string): FileLine => {
    number += 1;
    const over = tooLong || partChars + tail.length > maxChars;
    const text = over ? '' : parts.join('') + tail;
    parts = [];
    partChars = 0;
    tooLong = false;
    if (over) return { number, tooLong: true, bytesRead };
    return { number, text: text.endsWith('\r') ? text.slice(0, -1) : text, bytesRead };
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const chunk = done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (!done) bytesRead += value.byteLength;
      let at = 0;
      for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', at)) {
        yield finish(tooLong ? '' : chunk.slice(at, end));
        at = end + 1;
      }
      const rest = chunk.slice(at);
      if (!tooLong && rest.length > 0) {
        parts.push(rest);
        partChars += rest.length;
        if (partChars > maxChars) {
          tooLong = true;
          parts = [];
        }
      }
      if (done) {
        if (tooLong || partChars > 0) yield finish('');
        return;
      }
    }
  } finally {
    // Stopped early (cancelled, or refused): let the file's stream go.
    await reader.cancel().catch(() => undefined);
  }
}

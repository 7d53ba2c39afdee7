// Export → import through the app's worker in Chromium gives back byte-identical messages: a
// file made in Node is imported into a capture, exported to a Blob and to a real file (OPFS), both
// imported again, and every message of every capture compared with the original. Cancel of both,
// and bad files refused or reported line by line.
import { describe, expect, test } from 'vitest';
import { startStaticServer } from '../../broker-dev/static-server';
import { headerLine, ndjsonLine } from '../../worker/history/transfer/ndjson-format';
import type { ImportResult } from '../../shared/protocol';
import { topicMatches } from '../../shared/mqtt/topics';
import {
  canonical,
  sha,
  smallMessage,
  variedMessage,
} from '../fixtures/data/export-import-fixture';
import {
  capturesOf,
  importText,
  installTransferApi,
  readCapture,
} from '../fixtures/browser/export-import-page';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { idRange } from '../fixtures/data/history-fixture';
import { DIST_DIR } from '../fixtures/browser/paths';

const suite = useBrowserSuite();
const TEST_TIMEOUT_MS = 120_000;
const ROUND_TRIP_MESSAGES = 3_000;
/** Enough messages that a cancel at the first progress post lands mid-way. */
const CANCEL_MESSAGES = 30_000;
const utf8 = new TextEncoder();

async function openApp() {
  const server = await startStaticServer({ root: DIST_DIR, host: '127.0.0.1', port: 0 });
  suite.defer(() => server.close());
  const { page } = await suite.newPage();
  await page.goto(server.url);
  await installTransferApi(page);
  return page;
}

describe('export and import', () => {
  test(
    'NDJSON to a Blob and to a file, imported again: every message byte-identical',
    async () => {
      const page = await openApp();
      const messages = idRange(1, ROUND_TRIP_MESSAGES + 1).map(variedMessage);
      const text = headerLine() + messages.map(ndjsonLine).join('');
      const expected = messages.map(canonical);

      const first = await importText(page, 'Original', text);
      if (!first.result.ok) throw new Error(first.result.message);
      expect(first.result).toMatchObject({ skipped: 0, problems: [] });
      expect(first.result.capture).toMatchObject({ name: 'Original', messages: messages.length });
      expect(first.result.capture.importing).toBeUndefined();
      expect(first.progress.at(-1)).toMatchObject({
        messages: messages.length,
        totalBytes: first.size,
      });
      const source = first.result.capture.id;
      expect(await readCapture(page, source, messages.length)).toEqual(expected);

      // Export to a Blob and to a file in the origin's private file system, both streamed.
      const exported = (await page.evaluate(async (src) => {
        const hash = async (blob: Blob) =>
          Array.from(
            new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())),
            (x) => x.toString(16).padStart(2, '0'),
          ).join('');
        const query = { source: src, limit: 1, before: 5 };
        const toBlob = await window.__xfer.call('exportHistory', [
          { jobId: 'b', format: 'ndjson', query },
        ]);
        const blob = (toBlob.result as { blob: Blob }).blob;
        window.__xfer.kept.blob = blob;
        const root = await navigator.storage.getDirectory();
        const handle = await root.getFileHandle('export.ndjson', { create: true });
        const toFile = await window.__xfer.call('exportHistory', [
          { jobId: 'f', format: 'ndjson', query, file: handle },
        ]);
        const file = await handle.getFile();
        window.__xfer.kept.file = file;
        return {
          blob: { ...(toBlob.result as object), blob: await hash(blob), progress: toBlob.progress },
          file: { ...(toFile.result as object), hash: await hash(file), size: file.size },
        };
      }, source)) as { blob: Record<string, unknown> & { progress: unknown[] }; file: object };
      // Byte for byte the file Node made: same header, same lines, oldest first.
      const bytes = utf8.encode(text);
      expect(exported.blob).toMatchObject({
        ok: true,
        messages: messages.length,
        bytes: bytes.length,
        blob: sha(bytes),
      });
      expect(exported.blob.progress.at(-1)).toMatchObject({
        messages: messages.length,
        totalMessages: messages.length,
      });
      expect(exported.file).toMatchObject({
        ok: true,
        messages: messages.length,
        hash: sha(bytes),
        size: bytes.length,
      });

      for (const kept of ['blob', 'file']) {
        const again = (await page.evaluate(async (key) => {
          const file = window.__xfer.kept[key] as Blob;
          return (
            await window.__xfer.call('importCapture', [{ jobId: key, name: `From ${key}`, file }])
          ).result;
        }, kept)) as ImportResult;
        if (!again.ok) throw new Error(again.message);
        expect(await readCapture(page, again.capture.id, messages.length)).toEqual(expected);
      }
      const list = await capturesOf(page);
      expect(list.map((c) => c.name)).toEqual(['From file', 'From blob', 'Original']);
      expect(list[2]).toMatchObject({
        fileName: 'Original.ndjson',
        bytes: messages.reduce((sum, m) => sum + m.size, 0),
        firstTime: Math.min(...messages.map((m) => m.time)),
        lastTime: Math.max(...messages.map((m) => m.time)),
      });

      // A filtered selection, and CSV with its header and one row per message.
      const filtered = (await page.evaluate(async (src) => {
        const query = { source: src, limit: 1, topicFilter: 'deck/hall/#' };
        const csv = { source: src, limit: 1, qos: [2 as const] };
        const nd = await window.__xfer.call('exportHistory', [
          { jobId: 'q', format: 'ndjson', query },
        ]);
        const cs = await window.__xfer.call('exportHistory', [
          { jobId: 'c', format: 'csv', query: csv },
        ]);
        return {
          lines: (await (nd.result as { blob: Blob }).blob.text()).trimEnd().split('\n').length,
          csv: (await (cs.result as { blob: Blob }).blob.text()).split('\r\n'),
          progress: nd.progress.at(-1),
        };
      }, source)) as { lines: number; csv: string[]; progress: unknown };
      const hall = messages.filter((m) => topicMatches('deck/hall/#', m.topic)).length;
      expect(filtered.lines).toBe(1 + hall);
      expect(filtered.progress).not.toHaveProperty('totalMessages');
      expect(filtered.csv[0]).toBe(
        'time_iso,time_ms,topic,direction,qos,retain,connection,payload_encoding,payload,properties',
      );
      expect(
        filtered.csv.filter((row) => /^\d{4}-\d\d-\d\dT.*,2,(true|false),/.test(row)),
      ).toHaveLength(messages.filter((m) => m.qos === 2).length);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'cancel: an import leaves no capture, an export no file and no half file',
    async () => {
      const page = await openApp();
      const small = idRange(1, CANCEL_MESSAGES + 1).map((id) => smallMessage(id));
      const text = headerLine() + small.map(ndjsonLine).join('');
      const cancelled = await importText(page, 'Cancelled', text, true);
      expect(cancelled.result).toMatchObject({ ok: true, cancelled: true });
      expect(await capturesOf(page)).toEqual([]);

      const kept = await importText(page, 'Kept', text);
      if (!kept.result.ok) throw new Error(kept.result.message);
      const results = (await page.evaluate(async (src) => {
        const query = { source: src, limit: 1 };
        const toBlob = await window.__xfer.call(
          'exportHistory',
          [{ jobId: 'xb', format: 'ndjson', query }],
          'xb',
        );
        const root = await navigator.storage.getDirectory();
        const handle = await root.getFileHandle('cancelled.ndjson', { create: true });
        const writable = await handle.createWritable();
        await writable.write('previous contents');
        await writable.close();
        const toFile = await window.__xfer.call(
          'exportHistory',
          [{ jobId: 'xf', format: 'csv', query, file: handle }],
          'xf',
        );
        return {
          blob: toBlob.result,
          file: toFile.result,
          after: await (await handle.getFile()).text(),
        };
      }, kept.result.capture.id)) as { blob: object; file: object; after: string };
      expect(results.blob).toMatchObject({ ok: true, cancelled: true });
      expect(results.blob).not.toHaveProperty('blob');
      expect(results.file).toMatchObject({ ok: true, cancelled: true });
      expect(results.after).toBe('previous contents');
      expect((await capturesOf(page)).map((c) => c.name)).toEqual(['Kept']);
      // Held open by a connection that ignores requests to close (as another tab might), the
      // delete says so and keeps the entry; once that connection is gone it succeeds.
      const id = kept.result.capture.id;
      const deleted = await page.evaluate(async (capture) => {
        const holder = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(`mqtt-deck-capture-${capture}`);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const blocked = await window.__xfer.plain('deleteCapture', [capture]);
        const listed = await window.__xfer.plain('listCaptures', []);
        holder.close();
        const result = await window.__xfer.plain('deleteCapture', [capture]);
        const databases = (await indexedDB.databases()).map((d) => d.name);
        const again = await window.__xfer.plain('getMessage', [1, capture]);
        return { blocked, listed, result, databases, again };
      }, id);
      expect(deleted.blocked).toMatchObject({
        ok: false,
        message: expect.stringMatching(/another tab/i),
      });
      expect(deleted.listed).toHaveLength(1);
      expect(deleted.result).toEqual({ ok: true });
      expect(deleted.databases).not.toContain(`mqtt-deck-capture-${id}`);
      expect(deleted.again).toBeUndefined();
      expect(await capturesOf(page)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'bad files: refused in words, or imported with the bad lines described by number',
    async () => {
      const page = await openApp();
      const good = (id: number) => ndjsonLine(smallMessage(id));
      const png = String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
      const refused = await importText(page, 'PNG', png.repeat(50));
      expect(refused.result).toMatchObject({ ok: false, code: 'invalid-payload' });
      expect(refused.result.ok || refused.result.message).toMatch(/not an MQTT Deck export/);
      expect((await importText(page, 'Empty', '')).result).toMatchObject({ ok: false });
      expect((await importText(page, '   ', good(1))).result).toMatchObject({
        ok: false,
        message: 'Give the capture a name.',
      });

      const truncated = headerLine() + good(1) + good(2) + good(3).slice(0, 20);
      expect((await importText(page, 'Truncated', truncated)).result).toMatchObject({
        ok: true,
        capture: { messages: 2 },
        skipped: 1,
        problems: [expect.stringMatching(/^line 4: is not valid JSON/)],
      });

      const wrong = [
        good(1),
        good(2).replace('"qos":0', '"qos":3'),
        good(3).replace('"retain":false', '"retain":"no"'),
        good(4).replace(/"topic":"[^"]*"/, '"topic":"a/#"'),
        `${JSON.stringify({ ...JSON.parse(good(5)), payload: undefined, payloadBase64: '@@' })}\n`,
        '{"time":1}\n',
      ].join('');
      expect((await importText(page, 'Wrong types', wrong)).result).toMatchObject({
        ok: true,
        capture: { messages: 1 },
        skipped: 5,
        problems: [
          'line 2: qos must be 0, 1 or 2',
          'line 3: retain must be true or false',
          expect.stringMatching(/^line 4: topic is not valid/),
          'line 5: payloadBase64 is not valid base64',
          'line 6: topic must be a string',
        ],
      });

      // A line over 32 MiB is skipped as it streams in; the lines around it are kept.
      const long = (await page.evaluate(
        async ([before, after]) => {
          const mib = 'x'.repeat(1 << 20);
          const file = new Blob([
            before,
            '{"payload":"',
            ...Array<string>(33).fill(mib),
            '"}\n',
            after,
          ]);
          return (
            await window.__xfer.call('importCapture', [{ jobId: 'long', name: 'Long', file }])
          ).result;
        },
        [good(1), good(2)] as const,
      )) as ImportResult;
      expect(long).toMatchObject({
        ok: true,
        capture: { messages: 2 },
        skipped: 1,
        problems: ['line 2: is longer than 32 MiB; skipped'],
      });
      const names = (await capturesOf(page)).map((c) => c.name);
      expect(names).toEqual(['Long', 'Wrong types', 'Truncated']);
    },
    TEST_TIMEOUT_MS,
  );
});

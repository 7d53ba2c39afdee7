// Payload decoders in the built app: MessagePack and CBOR bytes built by hand and published from
// Node, a rule set in the detail view (kept across a reload), a malformed payload's error, the
// diff against the previous message, a 1 MB payload shown lazily, and axe on a decoded view.
import type { Locator } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { BLOCKING_IMPACTS, axeFindings } from '../fixtures/browser/axe';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { connectNodeClient } from '../fixtures/servers/node-client';

const suite = useBrowserSuite();
const UI_TIMEOUT_MS = 10_000;

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');
/** MessagePack {"t": 21.5, "ok": true} (float 64) and {"t": 22, "ok": true} (fixint). */
const PACKED_1 = bytes('82 a1 74 cb 40 35 80 00 00 00 00 00 a2 6f 6b c3');
const PACKED_2 = bytes('82 a1 74 16 a2 6f 6b c3');
/** An array of 2 whose second item, a string, declares 5 bytes of which 2 are there. */
const PACKED_BAD = bytes('92 01 a5 68 69');
/** CBOR {"a": 1, "b": [2, 3]}, and a byte string declaring 4 GiB. */
const CBOR_OK = bytes('a2 61 61 01 61 62 82 02 03');
const CBOR_BAD = bytes('5a ff ff ff ff 00');

async function setUp(filter: string) {
  const env = await startDevEnv(suite);
  const { page } = await suite.newPage();
  const app = await DeckApp.open(page, env.appUrl);
  await app.connectAndWait();
  await app.subscribe(filter, 1);
  const node = await connectNodeClient(suite, env.broker.url);
  return { app, page, node };
}

function tab(detail: Locator, name: string): Locator {
  return detail.getByRole('tab', { name, exact: true });
}

async function panelText(detail: Locator): Promise<string> {
  return (await detail.getByRole('tabpanel').textContent()) ?? '';
}

async function expectSelected(detail: Locator, name: string): Promise<void> {
  await expect
    .poll(() => tab(detail, name).getAttribute('aria-selected'), { timeout: UI_TIMEOUT_MS })
    .toBe('true');
}

describe('payload decoders', () => {
  test('a MessagePack rule, its malformed payload, CBOR, the diff and axe', async () => {
    const { app, page, node } = await setUp('sensors/#');
    await node.client.publishAsync('sensors/a/packed', PACKED_1, { qos: 1 });
    await node.client.publishAsync('sensors/a/packed', PACKED_2, { qos: 1 });
    await app.expectStoredCount(2);

    // Not UTF-8: shown as Hex until a rule says otherwise.
    let detail = await app.openDetail(
      await app.expectMessage('sensors/a/packed'),
      'sensors/a/packed',
    );
    await expectSelected(detail, 'Hex');
    await detail.getByText('Decoder rules', { exact: false }).first().click();
    const filter = detail.getByLabel('Topics matching', { exact: true });
    expect(await filter.inputValue()).toBe('sensors/a/packed');
    // An invalid filter is refused with the reason, tied to the field.
    await filter.fill('sensors/#/packed');
    await detail.getByRole('button', { name: 'Save rule', exact: true }).click();
    await detail
      .getByRole('alert')
      .filter({ hasText: '"#" is only allowed as the last level' })
      .waitFor();
    expect(await filter.getAttribute('aria-invalid')).toBe('true');
    await filter.fill('sensors/+/packed');
    await detail.getByLabel('Decode as', { exact: true }).selectOption({ label: 'MessagePack' });
    await detail.getByRole('button', { name: 'Save rule', exact: true }).click();
    await expectSelected(detail, 'MessagePack');
    await detail.getByText('Decoded as MessagePack by the rule sensors/+/packed.').waitFor();
    expect((await panelText(detail)).trim()).toBe('{\n  "t": 22,\n  "ok": true\n}');

    // The diff against the previous message on the topic, through the same decoder.
    await detail.getByRole('button', { name: 'Compare with previous message' }).click();
    const diff = detail.getByRole('region', { name: 'Difference from the previous message' });
    await diff.getByText(/1 line added, 1 removed/).waitFor({ timeout: UI_TIMEOUT_MS });
    const diffText = (await diff.locator('pre').textContent()) ?? '';
    expect(diffText).toContain('-   "t": 21.5,\n');
    expect(diffText).toContain('+   "t": 22,\n');
    expect(diffText).toContain('    "ok": true\n');

    // Decoded views pass axe (tree toggles, tabs, the rules form, the diff).
    const findings = await axeFindings(page);
    const blocking = findings.violations.filter((f) => BLOCKING_IMPACTS.includes(f.impact ?? ''));
    expect(blocking.map((f) => `${f.id}: ${f.help} at ${f.targets.join(', ')}`)).toEqual([]);
    expect(findings.passes).toBeGreaterThan(5);

    // A malformed payload on a ruled topic: an error naming the offset, not a crash.
    await node.client.publishAsync('sensors/b/packed', PACKED_BAD, { qos: 1 });
    detail = await app.openDetail(await app.expectMessage('sensors/b/packed'), 'sensors/b/packed');
    await expectSelected(detail, 'MessagePack');
    await expect
      .poll(() => detail.getByRole('alert').textContent(), { timeout: UI_TIMEOUT_MS })
      .toBe(
        'Not valid MessagePack at byte 2: a text string declares 5 bytes but only 2 bytes remain.',
      );

    // CBOR by choosing the tab; a malformed one names its offset too.
    await node.client.publishAsync('sensors/c/cbor', CBOR_OK, { qos: 1 });
    detail = await app.openDetail(await app.expectMessage('sensors/c/cbor'), 'sensors/c/cbor');
    await tab(detail, 'CBOR').click();
    await expectSelected(detail, 'CBOR');
    expect((await panelText(detail)).trim()).toBe(JSON.stringify({ a: 1, b: [2, 3] }, null, 2));
    await node.client.publishAsync('sensors/d/cbor', CBOR_BAD, { qos: 1 });
    detail = await app.openDetail(await app.expectMessage('sensors/d/cbor'), 'sensors/d/cbor');
    await tab(detail, 'CBOR').click();
    await expect
      .poll(() => detail.getByRole('alert').textContent(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/^Not valid CBOR at byte 0: a byte string declares 4294967295 bytes/);

    // The rule is kept in IndexedDB: after a reload the stored bytes are decoded by it again.
    await page.reload();
    detail = await app.openDetail(await app.expectMessage('sensors/b/packed'), 'sensors/b/packed');
    await expectSelected(detail, 'MessagePack');
    await detail
      .getByRole('alert')
      .filter({ hasText: 'Not valid MessagePack at byte 2' })
      .waitFor();

    // Removing the rule: the MessagePack message falls back to Hex.
    await detail.getByText('Decoder rules', { exact: false }).first().click();
    await detail.getByRole('button', { name: 'Remove rule sensors/+/packed' }).click();
    await detail.getByText('No rules', { exact: false }).waitFor();
    detail = await app.openDetail(await app.expectMessage('sensors/b/packed'), 'sensors/b/packed');
    await expectSelected(detail, 'Hex');
  });

  test('a 1 MB payload is shown a slice at a time, and decoded as JSON only on request', async () => {
    const { app, node } = await setUp('big/#');
    const end = '<END>';
    const text = 'x'.repeat(1_048_576 - end.length) + end;
    await node.client.publishAsync('big/text', Buffer.from(text), { qos: 1 });
    let detail = await app.openDetail(await app.expectMessage('big/text', 20_000), 'big/text');
    await expectSelected(detail, 'Text');
    await detail.getByText('Showing the first 256 KB of 1.0 MB.').waitFor();
    let shown = await panelText(detail);
    expect(shown.length).toBeLessThan(300_000);
    expect(shown).not.toContain(end);
    for (let i = 0; i < 3; i++) await detail.getByRole('button', { name: 'Show more' }).click();
    await detail.getByText('Showing the first 1.0 MB of 1.0 MB.').waitFor();
    shown = await panelText(detail);
    expect(shown).toContain(end);
    expect(await detail.getByRole('button', { name: 'Show more' }).count()).toBe(0);

    // A JSON array of 1 MB: Text by default; JSON waits for the person to ask, then pages.
    const items = Array.from({ length: 100_000 }, (_, i) => `"v${String(i).padStart(7, '0')}"`);
    const json = `[${items.join(',')}]`;
    expect(json.length).toBeGreaterThanOrEqual(1_048_576);
    await node.client.publishAsync('big/json', Buffer.from(json), { qos: 1 });
    detail = await app.openDetail(await app.expectMessage('big/json', 20_000), 'big/json');
    await tab(detail, 'JSON').click();
    const decode = detail.getByRole('button', { name: 'Decode as JSON' });
    await decode.waitFor();
    expect(await detail.locator('pre.tree').count()).toBe(0);
    await decode.click();
    await detail.getByRole('button', { name: 'Show 200 more of 100,000' }).waitFor();
    // Only the first page of items is in the document.
    shown = await panelText(detail);
    expect(shown).toContain('"v0000199"');
    expect(shown).not.toContain('"v0000200"');
  });
});

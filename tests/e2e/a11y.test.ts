// axe-core in the built app on every view, at phone and wall sizes, light and dark, connected
// with messages and one selected: no serious or critical violation anywhere.
import { describe, expect, test } from 'vitest';
import { DeckApp } from '../fixtures/browser/app';
import { BLOCKING_IMPACTS, axeFindings } from '../fixtures/browser/axe';
import { startDevEnv } from '../fixtures/servers/dev-env';
import { useBrowserSuite } from '../fixtures/browser/harness';
import { VIEW_NAMES, pageAt, showView, type SizeName } from '../fixtures/browser/views';

const suite = useBrowserSuite();

describe('accessibility', () => {
  const cases: [SizeName, 'light' | 'dark'][] = [
    ['phone', 'light'],
    ['phone', 'dark'],
    ['wall', 'light'],
    ['wall', 'dark'],
  ];
  test.each(cases)('%s, %s theme: every view passes axe', async (size, scheme) => {
    const env = await startDevEnv(suite, {
      devices: 1,
      deviceIntervalMs: 1_000,
      devSubscriptions: ['deck/#'],
    });
    const page = await pageAt(suite, size, scheme);
    const app = await DeckApp.open(page, env.appUrl);
    await app.connectAndWait();
    await showView(page, 'Messages');
    const row = await app.expectMessage('deck/devices/sensor-1/telemetry');
    await app.openDetail(row, 'deck/devices/sensor-1/telemetry');
    // Dashboards with the demo's tiles (gauges, a chart, controls), so axe checks real tiles.
    await showView(page, 'Dashboards');
    await page.getByRole('button', { name: 'Add demo dashboard' }).click();
    await page.getByRole('article', { name: 'Temperature', exact: true }).waitFor();

    const blocking: string[] = [];
    let passed = 0;
    for (const view of VIEW_NAMES) {
      await showView(page, view);
      const findings = await axeFindings(page);
      passed += findings.passes;
      for (const f of findings.violations) {
        if (BLOCKING_IMPACTS.includes(f.impact ?? '')) {
          blocking.push(`${view}: ${f.id} (${f.impact}) ${f.help} at ${f.targets.join(', ')}`);
        }
      }
    }
    expect(blocking).toEqual([]);
    // axe really ran on every view: it always passes some rules on a page this size.
    expect(passed).toBeGreaterThan(VIEW_NAMES.length);
  });
});

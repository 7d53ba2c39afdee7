// axe-core in the built app on every view, at phone and wall sizes, light and dark, connected
// with messages and one selected: no serious or critical violation anywhere.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DeckApp } from './app';
import { startDevEnv } from './dev-env';
import { useBrowserSuite } from './harness';
import { VIEW_NAMES, pageAt, showView, type SizeName } from './views';

const suite = useBrowserSuite();
const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING_IMPACTS = ['serious', 'critical'];

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

async function axeFindings(page: Page): Promise<{ violations: Finding[]; passes: number }> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // A script tag would be inline script, which the app's CSP rightly refuses; DevTools'
    // Runtime.evaluate is not subject to it, so axe runs without weakening the policy under test.
    const cdp = await page.context().newCDPSession(page);
    const { exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression: await AXE_SOURCE,
    });
    await cdp.detach();
    if (exceptionDetails) throw new Error(`axe did not load: ${exceptionDetails.text}`);
  }
  return page.evaluate(async () => {
    type AxeResult = {
      passes: unknown[];
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    };
    const axe = (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
    const result = await axe.run();
    return {
      passes: result.passes.length,
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      })),
    };
  });
}

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

// axe-core run inside the built app's page, for the accessibility checks of any browser test.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Impacts a test refuses; minor and moderate findings are reported by axe but not blocking. */
export const BLOCKING_IMPACTS = ['serious', 'critical'];

export interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export async function axeFindings(page: Page): Promise<{ violations: Finding[]; passes: number }> {
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

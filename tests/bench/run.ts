// `npm run bench`: builds the app and the bench pages, serves them from one origin, runs each
// broker's suite in its own Chromium, and prints the table and, last, the JSON figures.
import { startBenchServers } from './bench-server';
import { buildBench } from './build';
import { measureBundle, type BundleResult } from './bundle-size';
import { figuresFrom } from './figures-from-runs';
import { parseOptions } from './options';
import { printReport, type ExtraFigures } from './report';
import { detailLines, otherBrokerLines } from './report-details';
import { runSuite, type SuiteResult } from './suite';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = Date.now();
  console.error('[bench] building the app and the bench pages');
  const built = await buildBench(options.appDir);
  let bundle: BundleResult | undefined;
  const problems: string[] = [];
  try {
    bundle = measureBundle(built.appDir);
  } catch (error) {
    problems.push(`bundle: ${(error as Error).message}`);
  }
  const servers = await startBenchServers(built.appDir, built.pagesDir);
  const suites: SuiteResult[] = [];
  try {
    for (const [i, broker] of options.brokers.entries()) {
      if (options.kioskOnly && i > 0) break;
      suites.push(await runSuite(broker, i === 0, options, built, servers));
    }
  } finally {
    await servers.close();
  }
  const [primary, ...others] = suites;
  if (!primary) throw new Error('no broker ran');
  const outcome = figuresFrom(primary, bundle);
  const extra: ExtraFigures = {};
  const sections = [...detailLines(primary)];
  for (const other of others) sections.push(...otherBrokerLines(other, extra));
  for (const suite of suites) problems.push(...suite.errors.map((e) => `${suite.broker}: ${e}`));
  if (problems.length > 0) sections.push('Not measured:', ...problems.map((p) => `  ${p}`));
  printReport(
    {
      mode: options.mode,
      runs: options.runs,
      broker: primary.broker,
      lines: [
        'Measured without CDP Network instrumentation: Chromium driven over raw CDP (Runtime.evaluate,',
        'Input, and a worker attach only for the heap); each page measures itself and reports.',
        `Sizes: bursts of ${options.burst} msgs over 100 topics, ${options.total} stored before heap/DOM/history.`,
        `Took ${((Date.now() - startedAt) / 1000).toFixed(0)} s on ${process.platform}, Node ${process.version}.`,
      ],
    },
    outcome,
    extra,
    sections,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

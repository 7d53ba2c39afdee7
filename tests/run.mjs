// `npm test`: types, lint, import and format checks, then every Vitest layer; ends with
// "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const RESULTS_FILE = 'test-results/vitest.json';
const checks = [
  ['typecheck (tsc -b, strict)', 'npx', ['tsc', '-b']],
  ['lint (eslint, zero warnings)', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['imports (dependency-cruiser: no cycles, one direction)', 'npm', ['run', '--silent', 'deps']],
  ['format (prettier --check)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
];

let passed = 0;
let failed = 0;
for (const [name, cmd, args] of checks) {
  console.log(`\n▶ ${name}`);
  const ok = spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;
  console.log(ok ? `✓ ${name}` : `✗ ${name}`);
  if (ok) passed++;
  else failed++;
}

console.log('\n▶ vitest (unit and browser)');
mkdirSync('test-results', { recursive: true });
rmSync(RESULTS_FILE, { force: true });
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS_FILE}`],
  { stdio: 'inherit' },
);
if (existsSync(RESULTS_FILE)) {
  const report = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numPendingTests + report.numTodoTests;
  // A file that failed to load has no tests to count, so count it as one failure.
  failed += report.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  if (report.numTotalTests === 0) failed++;
} else {
  console.log('vitest wrote no report');
  failed++;
}
if (vitest.status !== 0 && failed === 0) failed++;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

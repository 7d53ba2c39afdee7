// `npm run bench` in smoke mode, so the benchmark never rots: it must finish and end with the
// JSON line holding every figure the performance issue names. No timing is asserted here.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DIST_DIR, REPO_ROOT } from '../fixtures/browser/paths';

const SMOKE_TIMEOUT_MS = 180_000;
// Stop the bench before Vitest gives up on the test, so no Chromium or broker outlives it.
const KILL_AFTER_MS = SMOKE_TIMEOUT_MS - 10_000;

// The figures, spelled out here rather than imported, so a renamed key fails this test.
const FIGURE_KEYS = [
  'ceiling_msgs_per_s',
  'ingest_msgs_per_s',
  'ingest_ratio',
  'lost',
  'ingest_qos1_msgs_per_s',
  'lost_qos1',
  'ingest_1kb_msgs_per_s',
  'lost_1kb',
  'latency_p50_ms',
  'latency_p99_ms',
  'latency_5k_p50_ms',
  'latency_5k_p99_ms',
  'longest_task_ms',
  'total_blocking_ms',
  'input_delay_p99_ms',
  'heap_ui_mb',
  'heap_worker_mb',
  'dom_nodes',
  'history_newest100_ms',
  'history_filter_ms',
  'history_text_ms',
  'bundle_js_gz_kb',
  'bundle_total_gz_kb',
  'cold_start_ms',
  'export_msgs_per_s',
  'import_msgs_per_s',
  'search_1m_first_ms',
  'search_1m_all_ms',
  'tree_10k_topics_ms',
] as const;

// Figures that only need the app to receive and store messages, which it must always do: if one
// of these is null, a piece of the bench (or the app) is broken, not merely slow or unfinished.
const ALWAYS_MEASURED = [
  'ceiling_msgs_per_s',
  'ingest_msgs_per_s',
  'ingest_ratio',
  'lost',
  'ingest_qos1_msgs_per_s',
  'lost_qos1',
  'ingest_1kb_msgs_per_s',
  'lost_1kb',
  'heap_ui_mb',
  'dom_nodes',
  'history_newest100_ms',
  'bundle_js_gz_kb',
  'bundle_total_gz_kb',
  'export_msgs_per_s',
  'import_msgs_per_s',
  'search_1m_first_ms',
  'search_1m_all_ms',
  'tree_10k_topics_ms',
] as const;

function runSmoke(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // dist/ is the build the browser project's global setup just made: no second app build.
    const args = ['--import', 'tsx', 'tests/bench/run.ts', '--smoke', '--app-dir', DIST_DIR];
    // Its own process group: a kill reaches the Chromium, brokers and publisher it started.
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      stderr += `\nkilled after ${KILL_AFTER_MS} ms`;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, KILL_AFTER_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run bench -- --smoke', () => {
  it(
    'finishes, and its last line is the JSON of every figure, measured or null',
    async () => {
      const { code, stdout, stderr } = await runSmoke();
      expect(code, `bench failed:\n${stderr.slice(-3_000)}`).toBe(0);
      const lines = stdout.trimEnd().split('\n');
      const figures = JSON.parse(lines.at(-1) ?? '') as Record<string, unknown>;

      expect(figures.mode).toBe('smoke');
      expect(figures.broker).toBe('mosquitto');
      for (const key of FIGURE_KEYS) {
        expect(figures, `figure ${key}`).toHaveProperty(key);
        const value = figures[key];
        expect(value === null || (typeof value === 'number' && Number.isFinite(value)), key).toBe(
          true,
        );
      }
      for (const key of ALWAYS_MEASURED) {
        expect(typeof figures[key], `${key} was not measured:\n${stdout}`).toBe('number');
      }
      // The dev broker's run is reported beside the primary one.
      expect(typeof figures.aedes_ingest_msgs_per_s, 'Aedes ingest').toBe('number');
      // Every message sent was stored: losing messages is a bug at any speed.
      expect([figures.lost, figures.lost_qos1, figures.lost_1kb]).toEqual([0, 0, 0]);
      // The table says why each null figure is null.
      for (const key of FIGURE_KEYS) {
        if (figures[key] !== null) continue;
        const row = lines.find((line) => line.startsWith(`${key} `)) ?? '';
        expect(row, `${key} is null without a reason`).toMatch(/\bnull\b.*\bwhy: \S/);
      }
      expect(stdout).toMatch(/without CDP Network instrumentation/);
    },
    SMOKE_TIMEOUT_MS,
  );
});

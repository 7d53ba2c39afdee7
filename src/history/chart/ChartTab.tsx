// PLACEHOLDER: the helper that owns src/history/chart/ replaces this file.
export function ChartTab() {
  return <p class="muted">Not written yet.</p>;
}

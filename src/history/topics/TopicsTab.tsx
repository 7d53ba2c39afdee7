// PLACEHOLDER: the helper that owns src/history/topics/ replaces this file.
export function TopicsTab() {
  return <p class="muted">Not written yet.</p>;
}

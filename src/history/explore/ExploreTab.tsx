// PLACEHOLDER: the helper that owns src/history/explore/ replaces this file.
export function ExploreTab() {
  return <p class="muted">Not written yet.</p>;
}

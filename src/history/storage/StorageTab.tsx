// PLACEHOLDER: the helper that owns src/history/storage/ replaces this file.
export function StorageTab() {
  return <p class="muted">Not written yet.</p>;
}

// PLACEHOLDER: the helper that owns src/history/transfer/ replaces this file.
export function TransferTab() {
  return <p class="muted">Not written yet.</p>;
}

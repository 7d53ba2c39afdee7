// Saved payloads of the current saved profile (issue 7): owned by the templates helper.
// PLACEHOLDER until that lands: renders nothing.
export default function SavedPayloads() {
  return null;
}

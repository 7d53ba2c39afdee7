// An error in words, for the messages the UI shows: a thrown Error's message (Comlink keeps the
// worker's across the bridge), anything else as a string.
export const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

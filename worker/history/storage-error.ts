// What the user is told when history cannot be written: what failed, what happens now, and
// what to do. A full quota is the likely cause and gets its own words.
import type { DeckError } from '../../shared/protocol';

export const isQuotaError = (error: unknown): boolean =>
  (error instanceof DOMException || error instanceof Error) && error.name === 'QuotaExceededError';

/** `waiting`: messages kept in memory until they can be written; `dropped`: ones not kept. */
export function storageError(error: unknown, waiting: number, dropped = 0): DeckError {
  const lost =
    dropped > 0 ? ` ${dropped.toLocaleString('en')} QoS 0 messages could not be kept.` : '';
  if (isQuotaError(error)) {
    return {
      code: 'storage',
      message:
        'Storage is full: the browser refused to save more history. ' +
        `${waiting.toLocaleString('en')} messages wait in memory and are saved by themselves ` +
        'once there is space; QoS 1 and 2 messages are not acknowledged until saved, so the ' +
        'broker sends them again. Old history is pruned to the retention policy; to free more, ' +
        'lower its limits under History → Storage, or free space on this device.' +
        lost,
    };
  }
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'storage',
    message: `Could not save history (${name || 'error'}: ${detail}); retrying.${lost}`,
  };
}

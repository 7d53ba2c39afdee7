// What the History view shows, in words ("live history", "capture 'plant-2'"), for the Storage
// and Import & export tabs' sentences and the export's file name.
import { createResource } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { Explorer } from '../explorer';

export function createSourceName(explorer: Explorer): Accessor<string> {
  // Keyed on the source (an array: live history's `undefined` alone would skip the fetch).
  const [captures] = createResource(
    () => [explorer.source()] as const,
    () => explorer.captures(),
  );
  return () => {
    const id = explorer.source();
    if (id === undefined) return 'live history';
    const capture = captures.latest?.find((c) => c.id === id);
    return capture ? `capture '${capture.name}'` : 'this capture';
  };
}

// "Usage by top-level topic" of what the History view shows (live history or a capture):
// messages and payload bytes per first topic level, biggest first.
import { For, Show, createResource } from 'solid-js';
import { formatBytes, formatCount } from '../../ui/payload-format';
import { useExplorer } from '../explorer';
import { usageRows } from './top-level-rows';
import type { UsageRow } from './top-level-rows';

function levelName(row: UsageRow): string {
  if (row.others !== undefined) return `Others (${formatCount(row.others)} levels)`;
  // Topics such as `/a/b` start with an empty level.
  return row.level === '' ? '(empty: topics starting with /)' : row.level;
}

export function TopLevelUsageTable(props: { sourceName: string }) {
  const explorer = useExplorer();
  // Keyed on the source (an array: live history's `undefined` alone would skip the fetch).
  const [usage, { refetch }] = createResource(
    () => [explorer.source()] as const,
    // Errors become part of the value: a resource in error throws wherever it is read.
    ([source]) =>
      explorer.topLevelUsage(source).then(
        (rows) => ({ rows: usageRows(rows), error: undefined }),
        (error: unknown) => ({ rows: [], error: String(error) }),
      ),
  );
  const rows = () => usage.latest?.rows ?? [];
  return (
    <section class="card" aria-labelledby="usage-title">
      <div class="card-head">
        <h3 id="usage-title" class="card-title">
          Usage by top-level topic
        </h3>
        <button type="button" class="btn small ghost" onClick={() => void refetch()}>
          Refresh usage
        </button>
      </div>
      <p class="muted small">In {props.sourceName}, biggest first.</p>
      <Show when={usage.latest?.error}>
        {(error) => <p class="form-error">Usage could not be read: {error()}</p>}
      </Show>
      <Show
        when={rows().length > 0}
        fallback={<p class="muted">{usage.loading ? 'Reading…' : 'Nothing stored.'}</p>}
      >
        <div class="usage-scroll">
          <table class="usage-table" aria-labelledby="usage-title">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Messages</th>
                <th scope="col">Payload size</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(row) => (
                  <tr>
                    <th scope="row" classList={{ muted: row.others !== undefined }}>
                      {levelName(row)}
                    </th>
                    <td>{formatCount(row.messages)}</td>
                    <td>{formatBytes(row.bytes)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}

// A running or finished transfer: a progress bar (determinate when the total is known), the
// figures in words, Cancel while it runs, and the result once it ends.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { formatBytes, formatCount } from '../../ui/payload-format';
import { useExplorer } from '../explorer';
import type { TransferJob } from './transfer-jobs';

export function progressText(job: TransferJob): string {
  const p = job.progress;
  const messages = `${formatCount(p.messages)} messages`;
  if (p.totalBytes !== undefined) {
    return `${messages}, ${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)}`;
  }
  const total = p.totalMessages !== undefined ? ` of ${formatCount(p.totalMessages)}` : '';
  return `${formatCount(p.messages)}${total} messages, ${formatBytes(p.bytes)}`;
}

/** [value, max] when the total is known: bytes of the file read, or messages to write. */
function fraction(job: TransferJob): [number, number] | undefined {
  const p = job.progress;
  if (p.totalBytes !== undefined && p.totalBytes > 0) return [p.bytes, p.totalBytes];
  if (p.totalMessages !== undefined && p.totalMessages > 0) return [p.messages, p.totalMessages];
  return undefined;
}

export function TransferStatus(props: {
  job: TransferJob;
  /** "Export" or "Import": names the bar and the Cancel button. */
  what: string;
  children?: JSX.Element;
}) {
  const explorer = useExplorer();
  const share = () => {
    const f = fraction(props.job);
    return f ? Math.min(1, f[0] / f[1]) : undefined;
  };
  return (
    <div class="transfer-status">
      <Show when={props.job.phase === 'running'}>
        <div
          class="transfer-bar"
          role="progressbar"
          aria-label={`${props.what} progress`}
          aria-valuemin={0}
          aria-valuemax={fraction(props.job)?.[1]}
          aria-valuenow={fraction(props.job)?.[0]}
          aria-valuetext={progressText(props.job)}
          data-indeterminate={share() === undefined ? '' : undefined}
        >
          <span style={{ width: `${((share() ?? 1) * 100).toFixed(1)}%` }} />
        </div>
        <div class="transfer-row">
          <span class="muted small" aria-live="off">
            {progressText(props.job)}
          </span>
          <button
            type="button"
            class="btn small"
            onClick={() => void explorer.cancelTransfer(props.job.jobId)}
          >
            Cancel {props.what.toLowerCase()}
          </button>
        </div>
      </Show>
      <Show when={props.job.summary}>
        {(summary) => (
          <div
            class="transfer-result"
            role={props.job.phase === 'failed' ? 'alert' : 'status'}
            data-phase={props.job.phase}
          >
            <p>{summary()}</p>
            <Show when={(props.job.problems?.length ?? 0) > 0}>
              <ul class="transfer-problems" aria-label="Skipped lines">
                <For each={props.job.problems}>{(problem) => <li>{problem}</li>}</For>
              </ul>
            </Show>
            {props.children}
          </div>
        )}
      </Show>
    </div>
  );
}

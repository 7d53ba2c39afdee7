// A line diff of two decoded payloads: common ends trimmed, an LCS table for the middle while it
// stays under a cell cap; past it, the middle is shown as removed-then-added (still true, not minimal).

/** Most LCS table cells (lines × lines of the changed middle) computed for one diff. */
export const DIFF_MAX_CELLS = 4_000_000;
/** Unchanged lines kept around each change when long unchanged runs are folded. */
export const DIFF_CONTEXT_LINES = 3;

export type DiffOp = 'same' | 'added' | 'removed';
export interface DiffLine {
  op: DiffOp;
  text: string;
}
export interface LineDiff {
  lines: DiffLine[];
  /** False when the middle was too large for the LCS and is shown removed-then-added. */
  minimal: boolean;
  added: number;
  removed: number;
}

function lcsMiddle(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  // table[i * w + j] = LCS length of a[i..] and b[j..]; filled from the end.
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] =
        a[i] === b[j]
          ? table[(i + 1) * w + j + 1]! + 1
          : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) {
      out.push({ op: 'removed', text: a[i++]! });
    } else {
      out.push({ op: 'added', text: b[j++]! });
    }
  }
  while (i < n) out.push({ op: 'removed', text: a[i++]! });
  while (j < m) out.push({ op: 'added', text: b[j++]! });
  return out;
}

/** The lines of `before` and `after` as kept, removed and added, in order. */
export function diffLines(before: string, after: string, maxCells = DIFF_MAX_CELLS): LineDiff {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const minimal = midA.length * midB.length <= maxCells;
  const middle = minimal
    ? lcsMiddle(midA, midB)
    : [
        ...midA.map((text): DiffLine => ({ op: 'removed', text })),
        ...midB.map((text): DiffLine => ({ op: 'added', text })),
      ];
  const lines: DiffLine[] = [
    ...a.slice(0, start).map((text): DiffLine => ({ op: 'same', text })),
    ...middle,
    ...a.slice(endA).map((text): DiffLine => ({ op: 'same', text })),
  ];
  let added = 0;
  let removed = 0;
  for (const line of middle) {
    if (line.op === 'added') added++;
    else if (line.op === 'removed') removed++;
  }
  return { lines, minimal, added, removed };
}

/** A shown piece of a diff: lines, or a fold standing for `count` unchanged lines. */
export type DiffHunk = { fold: false; lines: DiffLine[] } | { fold: true; count: number };

/** Folds unchanged runs longer than twice the context into a counted gap. */
export function foldDiff(lines: DiffLine[], context = DIFF_CONTEXT_LINES): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let run: DiffLine[] = [];
  const flush = (atStart: boolean, atEnd: boolean) => {
    const keepHead = atStart ? 0 : context;
    const keepTail = atEnd ? 0 : context;
    if (run.length > keepHead + keepTail + 1) {
      if (keepHead) hunks.push({ fold: false, lines: run.slice(0, keepHead) });
      hunks.push({ fold: true, count: run.length - keepHead - keepTail });
      if (keepTail) hunks.push({ fold: false, lines: run.slice(run.length - keepTail) });
    } else if (run.length) hunks.push({ fold: false, lines: run });
    run = [];
  };
  let seenChange = false;
  for (const line of lines) {
    if (line.op === 'same') {
      run.push(line);
      continue;
    }
    flush(!seenChange, false);
    seenChange = true;
    hunks.push({ fold: false, lines: [line] });
  }
  flush(!seenChange, true);
  return hunks;
}

// Transfer jobs: a cancel stops the running job, one sent before its job started still stops it,
// and a late cancel of a finished job does not stop the next job of that id.
import { describe, expect, it } from 'vitest';
import { createTransfers } from '../../worker/history/transfer/transfers';

describe('transfers', () => {
  it('cancels a running job, and one cancelled before it started', () => {
    let now = 0;
    const transfers = createTransfers(() => now);
    const running = transfers.start('a');
    expect(running.aborted).toBe(false);
    transfers.cancel('a');
    expect(running.aborted).toBe(true);
    transfers.cancel('b');
    expect(transfers.start('b').aborted).toBe(true);
    transfers.cancel('c');
    now += 31_000;
    expect(transfers.start('c').aborted).toBe(false);
  });

  it('ignores a cancel that comes after its job finished', () => {
    const transfers = createTransfers();
    transfers.start('a');
    transfers.done('a');
    transfers.cancel('a');
    expect(transfers.start('a').aborted).toBe(false);
  });
});

/**
 * Progress on stderr: a bar redrawn in place on a terminal, a line every 10 % (or every 100,000
 * events when the total is unknown) otherwise, so a log file shows it too.
 */
export function progressReporter(stderr: NodeJS.WritableStream & { isTTY?: boolean }, what: string): (done: number, total: number) => void {
  const started = Date.now();
  let lastStep = -1;
  return (done, total) => {
    const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    if (stderr.isTTY) {
      const width = 30;
      const bar = total > 0 ? `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ${Math.round(fraction * 100)}% ` : '';
      stderr.write(`\r${bar}${done}${total > 0 ? `/~${total}` : ''} ${what} ${rate}/s `);
      return;
    }
    const step = total > 0 ? Math.floor(fraction * 10) : Math.floor(done / 100_000);
    if (step !== lastStep) {
      lastStep = step;
      stderr.write(`${what}: ${done}${total > 0 ? ` of ~${total} (${Math.round(fraction * 100)}%)` : ''}, ${rate}/s\n`);
    }
  };
}

/** Ends a bar drawn in place. */
export function endProgress(stderr: NodeJS.WritableStream & { isTTY?: boolean }): void {
  if (stderr.isTTY) stderr.write('\n');
}

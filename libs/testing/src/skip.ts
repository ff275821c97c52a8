/**
 * A suite that needs a server we may not have: runs where `reason` is null, otherwise registers one
 * skipped test whose name says what was skipped and why, so the report never hides it.
 */
export function describeWhere(name: string, reason: string | null, body: () => void): void {
  if (reason === null) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it.skip(`SKIPPED: ${reason}`, () => undefined);
  });
  // Visible in CI output even when the reporter folds skipped tests.
  process.stderr.write(`[skipped] ${name}: ${reason}\n`);
}

/** Polls until `check` passes or the time runs out; for asynchronous effects in integration tests. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      lastError = e;
      if (Date.now() > deadline) throw lastError;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** The part of Jest's `--json` report the verdict reads. */
export interface JestSummary {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites: number;
}

export interface ContractVerdict {
  ok: boolean;
  message: string;
}

/**
 * Whether a run of the KurrentDB contract suite proved anything. A run against a real server must
 * have run every test and passed them all: a skipped or empty run (the suite skips by name where no
 * server is named, decision 4) is a failure here, never a quiet green.
 */
export function contractVerdict(r: JestSummary): ContractVerdict {
  const counts = `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped of ${r.numTotalTests}`;
  if (r.numRuntimeErrorTestSuites > 0) return { ok: false, message: `the contract suite did not load (${counts})` };
  if (r.numTotalTests === 0) return { ok: false, message: 'no contract test ran: the suite was not found or is empty' };
  if (r.numPendingTests + r.numTodoTests > 0) {
    return { ok: false, message: `contract tests were skipped, so the KurrentDB adapter is not proven (${counts})` };
  }
  if (r.numFailedTests > 0 || !r.success || r.numPassedTests !== r.numTotalTests) {
    return { ok: false, message: `the KurrentDB adapter fails its contract (${counts})` };
  }
  return { ok: true, message: `the KurrentDB adapter passes its contract (${counts})` };
}

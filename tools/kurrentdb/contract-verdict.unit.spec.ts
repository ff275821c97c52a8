import { contractVerdict, type JestSummary } from './contract-verdict';

const run = (over: Partial<JestSummary>): JestSummary => ({
  success: true,
  numTotalTests: 12,
  numPassedTests: 12,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  numRuntimeErrorTestSuites: 0,
  ...over,
});

describe('the verdict of npm run test:kurrentdb', () => {
  it('passes only a run in which every contract test ran and passed', () => {
    expect(contractVerdict(run({}))).toEqual({
      ok: true,
      message: 'the KurrentDB adapter passes its contract (12 passed, 0 failed, 0 skipped of 12)',
    });
  });

  it('fails a run that skipped the suite (no server reachable), which npm test would count as green', () => {
    const skipped = contractVerdict(run({ numTotalTests: 1, numPassedTests: 0, numPendingTests: 1 }));
    expect(skipped.ok).toBe(false);
    expect(skipped.message).toContain('skipped, so the KurrentDB adapter is not proven');
    expect(contractVerdict(run({ numPendingTests: 1, numPassedTests: 11 })).ok).toBe(false);
  });

  it('fails an empty run, a failed test and a suite that did not load', () => {
    expect(contractVerdict(run({ numTotalTests: 0, numPassedTests: 0 })).message).toContain('no contract test ran');
    expect(contractVerdict(run({ success: false, numPassedTests: 11, numFailedTests: 1 })).message).toContain(
      'fails its contract (11 passed, 1 failed',
    );
    expect(contractVerdict(run({ success: false, numTotalTests: 0, numPassedTests: 0, numRuntimeErrorTestSuites: 1 })).message).toContain(
      'did not load',
    );
  });
});

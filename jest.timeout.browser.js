jest.setTimeout(240000);
// A browser test drives Chromium, the web edge and the in-process platform on the 2 cores the other
// tiers share. Three fresh-clone runs in a row each lost one different browser test to a wait past
// 30 s that passes alone (issue 16's session 9 note): until those are found, a failed browser test
// runs once more, and its first failure is printed above the result (logErrorsBeforeRetry), not hidden.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

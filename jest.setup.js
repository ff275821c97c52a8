require('reflect-metadata');
// As infra/test.sh does, so a single suite run with `npx jest` sees the same environment as the service
// processes a suite starts (they inherit it; in-process harnesses pass testRateLimitEnv of libs/testing).
process.env.ADMINDUK_ENV ??= 'test';
// Suites write far faster than people do: every service's rate limits (libs/http/src/rate-limit.ts)
// are out of reach in tests, unless a test gives its own instance low limits (rate-limit.int.spec.ts).
for (const limit of ['RATE_LIMIT_USER_WRITES_PER_MIN', 'RATE_LIMIT_ADDRESS_WRITES_PER_MIN', 'RATE_LIMIT_PUBLIC_PER_MIN']) {
  process.env[limit] ??= '1000000';
}

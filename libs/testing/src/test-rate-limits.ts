/**
 * Suites write far faster than people do: every service's rate limits (libs/http rate-limit.ts) are
 * out of reach in tests, unless a test gives its own instance low limits. The limits are part of each
 * service's validated config, so a harness passes them as it passes the rest of the environment.
 */
export const testRateLimitEnv = {
  RATE_LIMIT_USER_WRITES_PER_MIN: '1000000',
  RATE_LIMIT_ADDRESS_WRITES_PER_MIN: '1000000',
  RATE_LIMIT_PUBLIC_PER_MIN: '1000000',
} as const;

/** The same, as the settings `createServiceApp` takes (`rateLimits`). */
export const testRateLimits = { userWritesPerMinute: 1_000_000, addressWritesPerMinute: 1_000_000, publicPerMinute: 1_000_000 };

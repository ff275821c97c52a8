import { randomBytes } from 'node:crypto';

/** Service addresses for integration tests: the environment first (CI), then the local defaults. */
export const testEnv = {
  postgresUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/adminduk_test',
  natsUrl: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
  eventStoreDbUrl: process.env.EVENTSTOREDB_URL,
};

/** Short random suffix so parallel suites never share a schema, stream or bucket. */
export function uniqueId(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

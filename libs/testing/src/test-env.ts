import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nkeyAuthenticator, type ConnectionOptions } from 'nats';

const repoRoot = path.resolve(__dirname, '../../..');
/** The project's own test bus (infra/ensure-bus.sh test, run by Jest's global setup). */
const busDir = process.env.TEST_BUS_DIR ?? path.join(repoRoot, '.local/bus-test');

/** Service addresses for integration tests: the environment first (CI), then the local defaults. */
export const testEnv = {
  postgresUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/adminduk_test',
  natsUrl: process.env.TEST_NATS_URL ?? `nats://127.0.0.1:${process.env.TEST_BUS_PORT ?? '4323'}`,
  eventStoreDbUrl: process.env.EVENTSTOREDB_URL,
};

const seedsByDir = new Map<string, Record<string, string>>();
/** Every bus user's nkey seed of the bus configured in `dir` (infra/bus.ts), read once. */
const busSeeds = (dir = busDir): Record<string, string> => {
  if (!seedsByDir.has(dir)) seedsByDir.set(dir, JSON.parse(readFileSync(path.join(dir, 'seeds.json'), 'utf8')) as Record<string, string>);
  return seedsByDir.get(dir)!;
};

/** A bus user's nkey seed on the test bus: a service's own, or `test` (every subject) for harness code. */
export function testBusSeed(user: string): string {
  const seed = busSeeds()[user];
  if (!seed) throw new Error(`no bus user ${user} in ${busDir}/seeds.json (run: bash infra/ensure-bus.sh test)`);
  return seed;
}

/** Connection options for harness code that talks to the test bus directly (as the `test` user). */
export function testNatsOptions(name = 'test'): Partial<ConnectionOptions> & { servers: string } {
  return { servers: testEnv.natsUrl, name, authenticator: nkeyAuthenticator(new TextEncoder().encode(testBusSeed('test'))) };
}

/** The gateway's command-assertion key pair of the test bus, or of the bus configured in `dir` (PEM). */
export function testCommandAssertionKeys(dir = busDir): { privateKeyPem: string; publicKeyPem: string } {
  const file = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  return { privateKeyPem: file('command-assertion.key.pem'), publicKeyPem: file('command-assertion.pub.pem') };
}

/** The environment a platform service needs on the test bus: its identity (if it has one), and the command keys. */
export function testBusEnv(service: string): Record<string, string> {
  return busEnv({ dir: busDir, natsUrl: testEnv.natsUrl }, service);
}

/**
 * The same for a bus of its own (the fault suite's, see OwnBus): the service's nkey seed and the
 * command keys written in `bus.dir` by infra/bus.ts.
 */
export function busEnv(bus: { dir: string; natsUrl: string }, service: string): Record<string, string> {
  const keys = testCommandAssertionKeys(bus.dir);
  const seed = busSeeds(bus.dir)[service];
  return {
    NATS_URL: bus.natsUrl,
    ...(seed ? { NATS_NKEY_SEED: seed } : {}),
    COMMAND_ASSERTION_PUBLIC_KEYS: keys.publicKeyPem,
    // Only the gateway signs who sent a command.
    ...(service === 'gateway' ? { COMMAND_ASSERTION_PRIVATE_KEY: keys.privateKeyPem } : {}),
  };
}

/** Short random suffix so parallel suites never share a schema, stream or bucket. */
export function uniqueId(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * Writes the bus configuration of one machine into a git-ignored folder:
 *   seeds.json            each service's nkey seed (kept across runs; the secret half)
 *   nats.conf             nats-server config: no anonymous access, one nkey user per service with
 *                         the permissions of libs/messaging/src/bus-accounts.ts
 *   command-assertion.*   the gateway's Ed25519 key pair that signs who sent each command
 * Usage: node -r @swc-node/register infra/bus.ts <dir> <port> [--test]
 * --test adds the test harness's own user (all subjects) and lets every subject carry one namespace
 * token in front, so parallel suites keep apart under the same permissions.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createUser, fromSeed } from 'nkeys.js';
import { generateCommandAssertionKeys } from '@adminduk/application-commands';
import { BUS_PERMISSIONS, BUS_SERVICES, namespaced, renderBusServerConfig, type BusUser } from '@adminduk/messaging';

const [dir, portArg, flag] = process.argv.slice(2);
if (!dir || !/^\d+$/.test(portArg ?? '')) {
  process.stderr.write('usage: infra/bus.ts <dir> <port> [--test]\n');
  process.exit(2);
}
const test = flag === '--test';
mkdirSync(dir, { recursive: true, mode: 0o700 });

const secret = (file: string, content: string) => {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
};

const seedsFile = path.join(dir, 'seeds.json');
const seeds: Record<string, string> = existsSync(seedsFile) ? JSON.parse(readFileSync(seedsFile, 'utf8')) : {};
const names = [...BUS_SERVICES, ...(test ? ['test'] : [])];
for (const name of names) seeds[name] ??= new TextDecoder().decode(createUser().getSeed());
secret(seedsFile, `${JSON.stringify(seeds, null, 2)}\n`);

const users: BusUser[] = names.map((name) => {
  const nkey = fromSeed(new TextEncoder().encode(seeds[name])).getPublicKey();
  if (name === 'test') return { name, nkey };
  const p = BUS_PERMISSIONS[name as keyof typeof BUS_PERMISSIONS];
  return { name, nkey, permissions: test ? { ...p, publish: namespaced(p.publish), subscribe: namespaced(p.subscribe) } : p };
});
writeFileSync(
  path.join(dir, 'nats.conf'),
  renderBusServerConfig({ host: '127.0.0.1', port: Number(portArg), storeDir: path.resolve(dir, 'jetstream'), users }),
);

const keyFile = path.join(dir, 'command-assertion.key.pem');
if (!existsSync(keyFile)) {
  const keys = generateCommandAssertionKeys();
  secret(keyFile, keys.privateKeyPem);
  writeFileSync(path.join(dir, 'command-assertion.pub.pem'), keys.publicKeyPem);
}

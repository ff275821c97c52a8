import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { checkpointSignatureValid, postgresCheckpointStore, verifyLog } from '@adminduk/audit';
import { PostgresEventStore } from '@adminduk/event-store';
import { createTestSchema, eventually, testBusSeed, testEnv, uniqueId, type TestSchema } from '@adminduk/testing';
import { RelayProcess, relayTestEvent } from './relay-process.testing';

jest.setTimeout(120_000);

describe('relay signs the checkpoints of the global log (decision 0022)', () => {
  const id = uniqueId('rlycp');
  let schema: TestSchema;
  let store: PostgresEventStore;
  let db: Client;
  let relay: RelayProcess | undefined;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const keyFile = join(mkdtempSync(join(tmpdir(), 'relay-checkpoint-')), 'checkpoint.pem');
  writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o600 });

  beforeAll(async () => {
    schema = await createTestSchema('rlycp');
    store = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
    db = new Client({ connectionString: schema.url });
    await db.connect();
  });
  afterAll(async () => {
    await relay?.kill();
    await db?.end();
    await store?.close();
    await schema?.drop();
  });

  it('signs one every N events and one after the interval for the rest; the log verifies against them', async () => {
    for (let i = 0; i < 120; i++) {
      await store.appendToStream(`application-${i % 7}`, [relayTestEvent(i)], 'any');
    }
    relay = RelayProcess.start({
      DATABASE_URL: schema.url,
      NATS_URL: testEnv.natsUrl,
      NATS_NKEY_SEED: testBusSeed('relay'),
      RELAY_EVENTS_STREAM: `RLY_${id}`,
      RELAY_SUBJECT_PREFIX: `${id}.evt`,
      CHECKPOINT_SIGNING_KEY_FILE: keyFile,
      CHECKPOINT_EVERY_EVENTS: '50',
      CHECKPOINT_EVERY_MS: '1000',
    });
    await eventually(async () => expect((await postgresCheckpointStore.latest(db))?.treeSize).toBe(120), 60_000, 200);
    const checkpoints = await postgresCheckpointStore.all(db);
    // 50 and 100 by count, 120 by time (another checkpoint may come between if the log settled late).
    expect(checkpoints.map((c) => c.treeSize)).toEqual(expect.arrayContaining([50, 100, 120]));
    expect(checkpoints.every((c) => checkpointSignatureValid(c, createPublicKey(privateKey)))).toBe(true);
    const verdict = await verifyLog({ databaseUrl: schema.url, publicKeys: [publicKey] });
    expect(verdict).toEqual({ events: 120, checkpoints: checkpoints.length, findings: [] });
    expect(relay.logged('Signing checkpoints of the global log')).toBe(true);
  });
});

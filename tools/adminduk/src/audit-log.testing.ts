import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Checkpointer, checkpointSigningKey } from '@adminduk/audit';
import { PostgresEventStore, type NewEvent } from '@adminduk/event-store';
import { createTestSchema, type TestSchema } from '@adminduk/testing';

/** A test's event log: a migrated schema, a few interleaved streams, signed checkpoints. */
export interface AuditedLog {
  schema: TestSchema;
  store: PostgresEventStore;
  db: Client;
  /** PEM files of the checkpoint key pair (the public one is what the auditor trusts). */
  publicKeyFile: string;
  privateKeyPem: string;
  checkpointer: Checkpointer;
  close(): Promise<void>;
}

export function checkpointKeyFiles(): { dir: string; publicKeyFile: string; privateKeyPem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-audit-'));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyFile = join(dir, 'checkpoint.pub.pem');
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writeFileSync(publicKeyFile, publicKey.export({ format: 'pem', type: 'spki' }).toString());
  writeFileSync(join(dir, 'checkpoint.pem'), privateKeyPem, { mode: 0o600 });
  return { dir, publicKeyFile, privateKeyPem };
}

export const testEvent = (type: string, data: Record<string, unknown>): NewEvent => ({
  type,
  data,
  metadata: {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    correlationId: randomUUID(),
    actor: { userId: 'petugas-1', role: 'operator', kecamatan: '35.15.12' },
  },
});

/**
 * Appends `plan` (stream ids, one event per entry, in this global order), one transaction each,
 * then signs checkpoints every `everyEvents` events.
 */
export async function auditedLog(plan: readonly string[], everyEvents: number): Promise<AuditedLog> {
  const schema = await createTestSchema('audit');
  const store = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
  const db = new Client({ connectionString: schema.url });
  await db.connect();
  const keys = checkpointKeyFiles();
  const revisions = new Map<string, number>();
  for (const streamId of plan) {
    const n = revisions.get(streamId) ?? 0;
    revisions.set(streamId, n + 1);
    await store.appendToStream(streamId, [testEvent('CatatanDitambahkan', { catatan: `${streamId} #${n}`, urutan: n })], 'any');
  }
  // The store shows only the settled log (below the cluster's oldest running transaction, which
  // another test may hold open for a moment). Signing before all of it is visible would place a
  // checkpoint at the visible edge (7 instead of 8), so wait for the whole plan first.
  const deadline = Date.now() + 10_000;
  while ((await store.readAll({ maxCount: plan.length + 1 })).length < plan.length) {
    if (Date.now() > deadline) throw new Error('the appended log did not settle within 10 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  const checkpointer = new Checkpointer({ store, db, key: checkpointSigningKey(keys.privateKeyPem), everyEvents, everyMs: 3_600_000 });
  await checkpointer.flush();
  if ((await coveredEvents(db)) !== plan.length) throw new Error('the checkpointer did not cover the settled log');
  return {
    schema,
    store,
    db,
    publicKeyFile: keys.publicKeyFile,
    privateKeyPem: keys.privateKeyPem,
    checkpointer,
    close: async () => {
      await db.end();
      await store.close();
      await schema.drop();
    },
  };
}

async function coveredEvents(db: Client): Promise<number> {
  const { rows } = await db.query<{ n: string | null }>('SELECT max(tree_size) AS n FROM audit_checkpoint');
  return Number(rows[0].n ?? 0);
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

const BIN = join(__dirname, '..', 'bin', 'adminduk.js');

/** Runs the adminduk command as the auditor would: a child process, from the sources. */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env, ADMINDUK_CLI_FROM_SOURCE: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

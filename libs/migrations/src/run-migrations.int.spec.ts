import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresEventStore, type NewEvent } from '@adminduk/event-store';
import { NOTIFICATIONS_MIGRATIONS } from '@adminduk/notifications';
import { READ_MODEL_MIGRATIONS } from '@adminduk/read-models';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { allMigrations, migrationName, PLATFORM_MIGRATIONS } from './platform-migrations';
import { runMigrations } from './run-migrations';
import { assertMigrated, pendingMigrations, SchemaNotMigratedError } from './schema-check';

const ALL = allMigrations().map(migrationName);
const probe = (): NewEvent => ({
  type: 'Probed',
  data: {},
  metadata: { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: 'probe' },
});
const PLATFORM_TABLES = ['es_events', 'sequences', 'relay_checkpoint', 'documents', 'document_access_log', 'notification_sends'];

describe('migration runner (real PostgreSQL)', () => {
  const schemas: TestSchema[] = [];
  const clients: Client[] = [];
  // An unmigrated schema and a client on it (the harness migrates by default; these tests must not).
  const emptySchema = async (prefix: string) => {
    const schema = await createTestSchema(prefix, { migrate: false });
    schemas.push(schema);
    const db = new Client({ connectionString: schema.url });
    await db.connect();
    clients.push(db);
    return { schema, db };
  };
  const tables = async (db: Client) =>
    (await db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()`)).rows.map((r) => r.t);
  const recorded = async (db: Client) =>
    (await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await Promise.all(schemas.map((s) => s.drop()));
  });

  it('orders every migration by its timestamp: the platform tables and whatever libs/read-models and libs/notifications export', () => {
    expect(ALL).toEqual(
      expect.arrayContaining([...PLATFORM_MIGRATIONS, ...READ_MODEL_MIGRATIONS, ...NOTIFICATIONS_MIGRATIONS].map(migrationName)),
    );
    const stamps = ALL.map((n) => Number(n.slice(-13)));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });

  it('migrates an empty schema: every table, each migration recorded once, and the event store opens on it', async () => {
    const { schema, db } = await emptySchema('mig_empty');
    expect(await pendingMigrations(db)).toEqual(ALL);

    const run = await runMigrations(schema.url);

    expect(run).toEqual({ schema: schema.schema, applied: ALL });
    expect(await tables(db)).toEqual(
      expect.arrayContaining([...PLATFORM_TABLES, 'application_view', 'projection_checkpoints', 'migrations']),
    );
    expect(await recorded(db)).toEqual(ALL);
    await expect(assertMigrated(db)).resolves.toBeUndefined();
    const store = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
    try {
      const r = await store.appendToStream('probe-1', [probe()], 'no_stream');
      expect(r.nextExpectedRevision).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('a second run is a no-op: nothing applied, nothing recorded twice', async () => {
    const { schema, db } = await emptySchema('mig_rerun');
    await runMigrations(schema.url);
    await db.query(`INSERT INTO sequences (key, value) VALUES ('receipt:x', 7)`);

    expect(await runMigrations(schema.url)).toEqual({ schema: schema.schema, applied: [] });
    expect(await recorded(db)).toEqual(ALL);
    expect((await db.query('SELECT value FROM sequences')).rows).toEqual([{ value: '7' }]);
  });

  it('runs started at the same moment apply each migration exactly once between them (advisory lock)', async () => {
    const { schema, db } = await emptySchema('mig_race');

    const runs = await Promise.all([1, 2, 3].map(() => runMigrations(schema.url)));

    expect(runs.flatMap((r) => r.applied).sort()).toEqual([...ALL].sort());
    expect(runs.filter((r) => r.applied.length > 0)).toHaveLength(1);
    expect(await recorded(db)).toEqual(ALL);
  });

  it('upgrades a database from before the runner: its tables came from CREATE IF NOT EXISTS on connect, its data stays', async () => {
    const { schema, db } = await emptySchema('mig_old');
    // What a pre-runner deployment left: the platform tables created on connect (same DDL, not
    // recorded anywhere) and the read models migrated by the projections service at start-up.
    const old = new DataSource({
      type: 'postgres',
      url: schema.url,
      migrations: READ_MODEL_MIGRATIONS,
      migrationsRun: true,
      migrationsTransactionMode: 'each',
    });
    await old.initialize();
    const q = old.createQueryRunner();
    for (const M of PLATFORM_MIGRATIONS) await new M().up(q);
    await q.release();
    await old.destroy();
    const store = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
    const event = probe();
    await store.appendToStream('probe-old', [event], 'no_stream');
    await store.close();
    // Pending: the platform tables (there, but never recorded) and tables added since (notifications).
    const readModels = READ_MODEL_MIGRATIONS.map(migrationName);
    const unrecorded = ALL.filter((name) => !readModels.includes(name));
    expect(unrecorded).toEqual(expect.arrayContaining(PLATFORM_MIGRATIONS.map(migrationName)));
    expect(await pendingMigrations(db)).toEqual(unrecorded);

    const run = await runMigrations(schema.url);

    expect(run.applied).toEqual(unrecorded);
    expect(await pendingMigrations(db)).toEqual([]);
    const reopened = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
    try {
      expect((await reopened.readStream('probe-old')).map((e) => e.metadata.eventId)).toEqual([event.metadata.eventId]);
      await reopened.appendToStream('probe-old', [probe()], { revision: 0 });
    } finally {
      await reopened.close();
    }
  });

  it('replaces the append function of the first releases, whose result had one column less', async () => {
    const { schema, db } = await emptySchema('mig_oldfn');
    await db.query(`CREATE FUNCTION es_append_events(p_stream text, p_expected text, p_base bigint, p_events jsonb)
      RETURNS TABLE (outcome text, head bigint, commit_id xid8, last_position bigint)
      LANGUAGE sql AS $$ SELECT 'conflict'::text, -1::bigint, NULL::xid8, NULL::bigint $$`);

    await runMigrations(schema.url);

    const { rows } = await db.query<{ result: string }>(
      `SELECT pg_get_function_result('es_append_events(text, text, bigint, jsonb)'::regprocedure) AS result`,
    );
    expect(rows[0].result).toContain('last_hash text');
  });

  it('a service on an unmigrated schema is told to run the migration, and nothing is created for it', async () => {
    const { schema, db } = await emptySchema('mig_missing');

    await expect(PostgresEventStore.create({ connectionString: schema.url, max: 1 })).rejects.toThrow(/run "npm run migrate"/);
    await expect(assertMigrated(db)).rejects.toThrow(SchemaNotMigratedError);
    await expect(assertMigrated(db)).rejects.toThrow(/npm run migrate/);
    expect(await tables(db)).toEqual([]);

    // Outdated (one migration of this release missing) is reported the same way, naming it.
    await runMigrations(schema.url);
    const last = ALL[ALL.length - 1];
    await db.query('DELETE FROM migrations WHERE name = $1', [last]);
    const refused = await assertMigrated(db).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SchemaNotMigratedError);
    expect((refused as SchemaNotMigratedError).pending).toEqual([last]);
  });
});

import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { allMigrations, MIGRATIONS_TABLE } from './platform-migrations';

export interface MigrationRun {
  /** The schema migrated: the first existing one on the URL's search_path. */
  schema: string;
  /** Names of the migrations this run applied, in order; empty when the schema was up to date. */
  applied: string[];
}

/**
 * Brings the database schema named by `url` (its search_path) up to date: the event store, the
 * services' tables and the read models, each migration in its own transaction and recorded in the
 * migrations table. Safe to run twice at once: a PostgreSQL advisory lock per schema makes the
 * second run wait, then find nothing left to do.
 */
export async function runMigrations(url: string): Promise<MigrationRun> {
  // The lock is held by this session; if the process dies, PostgreSQL releases it.
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    const { rows } = await lock.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    const schema = rows[0].schema;
    if (!schema) throw new Error('migrations: the search_path names no existing schema');
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`adminduk-migrations:${schema}`]);
    const ds = new DataSource({
      type: 'postgres',
      url,
      migrations: allMigrations(),
      migrationsTableName: MIGRATIONS_TABLE,
      migrationsTransactionMode: 'each',
      synchronize: false,
      logging: false,
      extra: { max: 1 },
    });
    await ds.initialize();
    try {
      const done = await ds.runMigrations({ transaction: 'each' });
      return { schema, applied: done.map((m) => m.name) };
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.end();
  }
}

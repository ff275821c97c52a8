import { allMigrations, MIGRATIONS_TABLE, migrationName } from './platform-migrations';

/** A pg Pool or Client, or a TypeORM DataSource: whatever the service already holds. */
export interface Queryable {
  query(sql: string): Promise<unknown>;
}

/** The schema lacks migrations this code needs: a deploy step was skipped, not a transient fault. */
export class SchemaNotMigratedError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `database schema is not migrated: ${pending.length} migration(s) pending (${pending.join(', ')}); ` +
        'run "npm run migrate" with this DATABASE_URL (docs/runbook.md, "Database migrations")',
    );
    this.name = 'SchemaNotMigratedError';
  }
}

/** Migrations this code knows that the schema on `db`'s search_path has not applied, oldest first. */
export async function pendingMigrations(db: Queryable): Promise<string[]> {
  const [table] = rowsOf<{ present: boolean }>(await db.query(`SELECT to_regclass('${MIGRATIONS_TABLE}') IS NOT NULL AS present`));
  const applied = new Set(
    table.present ? rowsOf<{ name: string }>(await db.query(`SELECT name FROM ${MIGRATIONS_TABLE}`)).map((r) => r.name) : [],
  );
  // Names the database has and this code does not are a newer release's: expected mid-deploy.
  return allMigrations()
    .map(migrationName)
    .filter((name) => !applied.has(name));
}

/**
 * Services call this where they used to create their tables: they never change the schema, and
 * a missing step is reported as what it is (the caller's retry keeps readiness off meanwhile).
 */
export async function assertMigrated(db: Queryable): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending.length > 0) throw new SchemaNotMigratedError(pending);
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The part of a `pg` Pool or PoolClient the plain-SQL queries of the read models use. */
export interface SqlClient {
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * A query of fixed text on a path every request takes, prepared once per connection (a named
 * statement of node-postgres: parsed and planned once, then only bound and run). As plain text,
 * PostgreSQL parsed and planned the print route's lookup on every KK download: 0.3 ms of its CPU
 * per download out of 0.9 (bench/print-download). Only for fixed text: every distinct name stays
 * prepared on each connection of the pool for the connection's life.
 */
export interface NamedStatement {
  /** Unique among the read models' statements; prefixed `rm_` on the connection. */
  readonly name: string;
  readonly text: string;
}

/** A client that runs named statements: a `pg` Pool, PoolClient or Client. */
export interface PreparingSqlClient {
  query<R extends Record<string, unknown>>(statement: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

export function runNamed<R extends Record<string, unknown>>(
  db: PreparingSqlClient,
  statement: NamedStatement,
  values: unknown[],
): Promise<{ rows: R[] }> {
  return db.query<R>({ name: `rm_${statement.name}`, text: statement.text, values });
}

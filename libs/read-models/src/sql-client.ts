/** The part of a `pg` Pool or PoolClient the plain-SQL queries of the read models use. */
export interface SqlClient {
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

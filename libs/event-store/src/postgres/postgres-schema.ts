import type { Pool } from 'pg';

/**
 * The event store's schema objects (table es_events, functions es_append_events and es_read_all) are created by
 * the migration runner (`npm run migrate`, libs/migrations), never here. Opening the store only
 * checks they exist in the search_path's first schema, so a skipped migration is named at once
 * instead of failing on the first append.
 */
export async function requireSchema(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ schema: string | null; events: boolean; append: boolean; read: boolean }>(
    `SELECT current_schema() AS schema,
            to_regclass(quote_ident(current_schema()) || '.es_events') IS NOT NULL AS events,
            to_regprocedure(quote_ident(current_schema()) || '.es_append_events(text, text, bigint, jsonb)') IS NOT NULL AS append,
            to_regprocedure(quote_ident(current_schema()) || '.es_read_all(xid8, bigint, bigint)') IS NOT NULL AS read`,
  );
  const { schema, events, append, read } = rows[0];
  if (!schema) throw new Error('PostgreSQL event store: the search_path names no existing schema');
  if (!events || !append || !read) {
    throw new Error(
      `PostgreSQL event store: schema "${schema}" has no event store tables; run "npm run migrate" with this DATABASE_URL first`,
    );
  }
  return schema;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
